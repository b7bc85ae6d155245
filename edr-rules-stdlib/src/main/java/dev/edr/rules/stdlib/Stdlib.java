package dev.edr.rules.stdlib;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bundled starter pack: our own Sigma rules, response playbooks and the demo incident's events, as classpath
 * resources.
 * Resources are listed in an index file because a jar cannot be listed portably.
 */
public final class Stdlib {
    private static final String BASE = "/dev/edr/rules/stdlib/";

    private Stdlib() {}

    /** Resource names of the bundled rules, e.g. {@code rules/proc_access_lsass_credential_dump.yml}. */
    public static List<String> ruleNames() {
        return read("rules/index.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> "rules/" + l).toList();
    }

    /** Resource names of the bundled response playbooks, e.g. {@code playbooks/stolen_admin_credentials.yml}. */
    public static List<String> playbookNames() {
        return read("playbooks/index.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> "playbooks/" + l).toList();
    }

    /** Events of the demo intrusion, as JSON Lines in the Windows event shape. */
    public static String demoEventsName() {
        return "demo/intrusion.jsonl";
    }

    /** The text of a bundled resource named relative to the pack, e.g. {@code demo/intrusion.jsonl}. */
    public static String read(String name) {
        try (InputStream in = Stdlib.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a bundled resource as a stream (the caller closes it). */
    public static InputStream open(String name) {
        InputStream in = Stdlib.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IllegalArgumentException("no bundled resource " + name);
        }
        return in;
    }
}
