package dev.edr.dsl.response;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.LoadException;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.ProtectedAssets;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YamlReader;
import dev.edr.dsl.internal.yaml.YamlStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a response settings file (what {@code edr scan --respond --adapters FILE} uses), with the same safe YAML
 * reader as rules and a located issue for every problem:
 *
 * <pre>
 * dry_run: false                      # true: decide and audit everything, call no adapter
 * approval: [rotate_credential]       # these wait for `edr respond approve`; true = every action, false = none
 * protected:                          # never acted on (case-insensitive globs)
 *   hosts: ['dc*', '*.dc.corp.example']
 *   accounts: ['breakglass*']
 * budget: {max: 20, per: 1h}          # at most 20 actions per sliding hour; the rest are suppressed
 * rate_limit: {max: 5, per: 1s}       # per adapter; over it actions wait
 * dedup: {window: 1h, across_rules: true}
 * adapters:                           # each kind of action goes to one adapter; the rest are logged only
 *   - type: http                      # host_isolation, remediation or privileged_access, by its endpoints
 *     base_url: https://edr.example/api/
 *     token_env: EDR_API_TOKEN
 *     endpoints:
 *       isolate_host: {path: 'hosts/{host}/isolate'}
 *   - type: ldap                      # privileged_access
 *     url: ldaps://dc01.corp.example:636
 *     bind_dn: CN=svc-edr,OU=Service,DC=corp,DC=example
 *     password_env: EDR_LDAP_PASSWORD
 *     user_base: OU=Users,DC=corp,DC=example
 *     directory: active_directory
 *   - type: local                     # remediation on this machine
 *     quarantine_dir: quarantine      # relative to this file
 * </pre>
 *
 * Every key is optional; absent ones keep {@link ResponseSettings#DEFAULTS}.
 */
public final class ResponseSettingsParser {
    static final Set<String> KEYS = Set.of("dry_run", "approval", "protected", "budget", "rate_limit", "dedup",
            "adapters");
    static final long MAX_BYTES = 1024 * 1024;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private ResponseSettingsParser() {}

    /**
     * Reads a settings file; relative paths in it are resolved against its directory.
     *
     * @throws LoadException with every located issue when the file cannot be read or is not valid
     */
    public static ResponseSettings load(Path file) throws LoadException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw failure(source, IssueCode.YAML_LIMIT, "the file is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            throw failure(source, IssueCode.IO_ERROR, "cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw failure(source, IssueCode.IO_ERROR, "the file is not valid UTF-8");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(source, text, dir == null ? Path.of("") : dir);
    }

    /**
     * Settings from YAML text; {@code source} names it in issues, {@code baseDir} resolves relative paths.
     *
     * @throws LoadException with every located issue when the text is not valid settings
     */
    public static ResponseSettings parse(String source, String yaml, Path baseDir) throws LoadException {
        Objects.requireNonNull(baseDir, "baseDir");
        Diagnostics d = new Diagnostics(Objects.requireNonNull(source, "source"), Objects.requireNonNull(yaml));
        YamlStream stream = new YamlReader(Limits.DEFAULTS).read(yaml.startsWith("\uFEFF") ? yaml.substring(1)
                : yaml, d);
        if (stream.documents().size() > 1) {
            d.error(IssueCode.YAML_SYNTAX, stream.documents().get(1).location(), "a settings file holds one YAML"
                    + " document");
        }
        ResponseSettings settings = null;
        if (stream.documents().isEmpty()) {
            if (!d.hasErrors()) {
                d.error(IssueCode.EMPTY_FILE, SourceLocation.of(source, 1, 1), "the settings file is empty");
            }
        } else if (stream.documents().get(0).complete()) {
            settings = read(stream.documents().get(0).root(), d, baseDir);
        }
        List<Issue> errors = d.issues().stream().filter(Issue::isError).sorted(Comparator.comparingInt(
                (Issue i) -> i.location().line()).thenComparingInt(i -> i.location().column())).toList();
        if (settings == null || !errors.isEmpty()) {
            throw new LoadException(errors.isEmpty() ? d.issues() : errors);
        }
        return settings;
    }

    private static ResponseSettings read(YNode root, Diagnostics d, Path baseDir) {
        ActionsReader r = new ActionsReader(d, null);
        YMap m = r.map(root, "the settings file");
        if (m == null) {
            return null;
        }
        r.onlyKeys(m, KEYS, "the settings");
        ResponseSettings def = ResponseSettings.DEFAULTS;
        boolean dryRun = m.get("dry_run") != null && Boolean.TRUE.equals(r.bool(m.get("dry_run"), "dry_run"));
        Set<ActionType> approval = def.approval();
        if (m.get("approval") != null) {
            ActionsReader.Approval a = r.approval(m.get("approval"));
            approval = a.all() ? EnumSet.allOf(ActionType.class) : a.types();
        }
        ProtectedAssets assets = m.get("protected") == null ? def.protectedAssets() : assets(r, m.get("protected"));
        ResponseSettings.Limit budget = m.get("budget") == null ? def.budget() : limit(r, d, m.get("budget"), "budget");
        ResponseSettings.Limit rate = m.get("rate_limit") == null ? def.rateLimit()
                : limit(r, d, m.get("rate_limit"), "rate_limit");
        Duration window = def.dedupWindow();
        boolean acrossRules = def.dedupAcrossRules();
        YMap dedup = m.get("dedup") == null ? null : r.map(m.get("dedup"), "dedup");
        if (dedup != null) {
            r.onlyKeys(dedup, Set.of("window", "across_rules"), "dedup");
            if (dedup.get("window") != null) {
                window = duration(d, dedup.get("window"), "dedup.window");
            }
            if (dedup.get("across_rules") != null) {
                acrossRules = Boolean.TRUE.equals(r.bool(dedup.get("across_rules"), "dedup.across_rules"));
            }
        }
        List<ResponseSettings.Adapter> adapters = m.get("adapters") == null ? List.of()
                : new AdapterReader(r, d, baseDir).adapters(m.get("adapters"));
        if (budget == null || rate == null || window == null || assets == null) {
            return null;
        }
        return new ResponseSettings(dryRun, approval, assets, budget, rate, window, acrossRules, adapters);
    }

    private static ProtectedAssets assets(ActionsReader r, YNode n) {
        YMap m = r.map(n, "protected");
        if (m == null) {
            return null;
        }
        r.onlyKeys(m, Set.of("hosts", "accounts"), "protected");
        return new ProtectedAssets(texts(r, m.get("hosts"), "protected.hosts"),
                texts(r, m.get("accounts"), "protected.accounts"));
    }

    static List<String> texts(ActionsReader r, YNode n, String what) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            r.scalars(n, what).forEach(s -> out.add(s.text()));
        }
        return out;
    }

    private static ResponseSettings.Limit limit(ActionsReader r, Diagnostics d, YNode n, String what) {
        YMap m = r.map(n, what);
        if (m == null) {
            return null;
        }
        r.onlyKeys(m, Set.of("max", "per"), what);
        YNode max = m.get("max");
        YNode per = m.get("per");
        if (max == null || per == null) {
            d.error(IssueCode.MISSING_ATTRIBUTE, m.location(), what + " needs 'max' (a count) and 'per' (a duration"
                    + " such as 5m)");
            return null;
        }
        Duration window = duration(d, per, what + ".per");
        if (!(max instanceof YScalar s && s.value() instanceof Long l && l > 0 && l <= Integer.MAX_VALUE)) {
            d.error(IssueCode.INVALID_ATTRIBUTE, max.location(), what + ".max must be a positive whole number");
            return null;
        }
        return window == null ? null : new ResponseSettings.Limit((int) (long) l, window);
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}: positive; {@code null} with an error. */
    static Duration duration(Diagnostics d, YNode n, String what) {
        Matcher m = n instanceof YScalar s ? DURATION.matcher(s.text().strip()) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            d.error(IssueCode.INVALID_ATTRIBUTE, n.location(), what + " must be a positive duration: a number and"
                    + " a unit ms, s, m, h or d (e.g. 30s)");
            return null;
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofDays(v);
        };
    }

    private static LoadException failure(String source, IssueCode code, String message) {
        return new LoadException(List.of(Issue.error(code, SourceLocation.of(source, 1, 1), message)));
    }
}
