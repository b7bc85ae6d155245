package dev.edr.dsl.conformance;

import dev.edr.core.diag.IssueCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parsed {@code expected.txt} of one conformance case (format: the conformance folder's README.md).
 *
 * @param matches for each rule key (title or id), the event indexes it must match; every other pair must not
 * @param loadErrors the exact set of errors loading {@code rule.yml} must report
 * @param loadWarnings warnings loading must report (others are allowed)
 * @param engineErrors the exact set of errors {@code Engine.issues()} must report
 * @param engineWarnings warnings the engine must report (others are allowed)
 */
record Expectations(Map<String, Set<Long>> matches, Set<ExpectedIssue> loadErrors, Set<ExpectedIssue> loadWarnings,
        Set<ExpectedIssue> engineErrors, Set<ExpectedIssue> engineWarnings) {

    /** An issue by code and 1-based position; the file is always the case's {@code rule.yml}. */
    record ExpectedIssue(IssueCode code, int line, int column) {
        @Override
        public String toString() {
            return code + " " + line + ":" + column;
        }
    }

    private static final List<String> ISSUE_KINDS = List.of("error", "warning", "engine-error", "engine-warning");

    static Expectations read(Path file) throws IOException {
        Map<String, Set<Long>> matches = new LinkedHashMap<>();
        Map<String, Set<ExpectedIssue>> issues = new LinkedHashMap<>();
        for (String kind : ISSUE_KINDS) {
            issues.put(kind, new LinkedHashSet<>());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = stripComment(lines.get(n)).strip();
            if (line.isEmpty()) {
                continue;
            }
            String kind = issueKind(line);
            if (kind != null) {
                issues.get(kind).add(issue(line.substring(kind.length() + 1).strip(), file, n + 1));
                continue;
            }
            int colon = line.lastIndexOf(':'); // titles may hold colons, index lists never do
            if (colon <= 0) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected '<rule>: <indexes>'");
            }
            String key = line.substring(0, colon).strip();
            if (matches.put(key, indexes(line.substring(colon + 1).strip(), file, n + 1)) != null) {
                throw new IllegalArgumentException(file + ":" + (n + 1) + ": rule '" + key + "' is listed twice");
            }
        }
        return new Expectations(matches, issues.get("error"), issues.get("warning"), issues.get("engine-error"),
                issues.get("engine-warning"));
    }

    private static String issueKind(String line) {
        for (String kind : ISSUE_KINDS) {
            if (line.startsWith(kind + ":")) {
                return kind;
            }
        }
        return null;
    }

    /** '#' starts a comment, so rule titles used as keys must not contain it. */
    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static Set<Long> indexes(String text, Path file, int line) {
        Set<Long> out = new LinkedHashSet<>();
        if (text.equals("none")) {
            return out;
        }
        for (String part : text.split("[,\\s]+")) {
            try {
                out.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + line + ": '" + part
                        + "' is not an event index (write 'none' for no match)");
            }
        }
        return out;
    }

    private static ExpectedIssue issue(String text, Path file, int line) {
        String[] parts = text.split("\\s+");
        String[] pos = parts.length == 2 ? parts[1].split(":") : new String[0];
        if (pos.length != 2) {
            throw new IllegalArgumentException(file + ":" + line + ": expected 'CODE line:column'");
        }
        return new ExpectedIssue(IssueCode.valueOf(parts[0].toUpperCase(Locale.ROOT)), Integer.parseInt(pos[0]),
                Integer.parseInt(pos[1]));
    }

}
