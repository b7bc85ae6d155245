package dev.edr.cli;

import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process and captures its streams. */
record CliRunner(int exit, String out, String err) {
    static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRunner(code, out.toString(), err.toString());
    }

    /** stdout parsed as JSON values (one per line, or one document). */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> docs = new ArrayList<>();
        List<Object> problems = new ArrayList<>();
        try (var s = EventReader.create().read(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)), "stdout", problems::add)) {
            s.map(EventRecord::json).forEach(docs::add);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("stdout is not valid JSON: " + problems + "\n" + out);
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> doc, String... path) {
        Object v = doc;
        for (String p : path) {
            v = ((Map<String, Object>) v).get(p);
        }
        return (T) v;
    }
}
