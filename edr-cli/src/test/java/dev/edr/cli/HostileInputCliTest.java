package dev.edr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile rule packs through both {@code edr validate} and {@code edr scan}, and hostile event streams through
 * {@code edr scan}. Every case: a located issue or a clean result, exit 0/1 (never 3), and no stack trace.
 */
class HostileInputCliTest {
    private static final String HEADER = """
            title: Hostile
            id: 6f1d3c1e-0000-4000-8000-000000000002
            logsource:
                product: windows
                category: process_creation
            detection:
            """;
    private static final String WHOAMI_RULE = HEADER + """
                sel:
                    Image|endswith: '\\whoami.exe'
                condition: sel
            level: low
            """;

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static String rule(String selection) {
        return HEADER + "    sel:\n" + selection.indent(8) + "    condition: sel\nlevel: high\n";
    }

    private static String sysmon(String image, String commandLine) {
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},"
                + "\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"ws1\"},"
                + "\"EventData\":{\"Image\":" + json(image) + ",\"CommandLine\":" + json(commandLine) + "}}}";
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static void assertNoStackTrace(CliRunner r) {
        assertThat(r.exit()).as("exit code, stderr:%n%s", r.err()).isIn(0, 1);
        for (String stream : List.of(r.out(), r.err())) {
            assertThat(stream).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("internal error");
        }
    }

    /** validate and scan of one rule file; both must report {@code code} at {@code file:line} (any line if 0). */
    private void assertRuleRejected(Path ruleFile, String code, int line) throws IOException {
        CliRunner validate = CliRunner.run("validate", ruleFile.toString());
        assertNoStackTrace(validate);
        assertThat(validate.exit()).isEqualTo(1);
        String where = line > 0 ? ruleFile + ":" + line + ":" : ruleFile + ":";
        assertThat(validate.out() + validate.err()).contains(where).contains("[" + code + "]");

        Path events = write("events.jsonl", sysmon("C:\\x\\whoami.exe", "whoami") + "\n");
        CliRunner scan = CliRunner.run("scan", "--rules", ruleFile.toString(), "--events", events.toString());
        assertNoStackTrace(scan);
        assertThat(scan.exit()).isZero();
        assertThat(scan.err()).contains(where).contains("[" + code + "]");
        assertThat(scan.out()).isEmpty();
    }

    @Test
    void regexBlowupIsRejectedByValidateAndScan() throws IOException {
        assertRuleRejected(write("r.yml", rule("CommandLine|re: '((a{1000}){1000}){1000}'")), "INVALID_REGEX", 8);
    }

    @Test
    void regexLongerThanTheCapIsRejected() throws IOException {
        assertRuleRejected(write("r.yml", rule("CommandLine|re: " + "a".repeat(5000))), "INVALID_REGEX", 8);
    }

    @Test
    void hundredThousandValuesAreOneLimitIssue() throws IOException {
        String values = IntStream.range(0, 100_000).mapToObj(i -> "- v" + i).collect(Collectors.joining("\n"));
        assertRuleRejected(write("r.yml", rule("Image:\n" + values.indent(4))), "VALUE_LIMIT", 20_009);
    }

    @Test
    void invalidUtf8RuleFileIsRejected() throws IOException {
        byte[] text = rule("Image: 'x'").getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[text.length + 2];
        System.arraycopy(text, 0, bad, 0, text.length);
        bad[text.length] = (byte) 0xc3;
        bad[text.length + 1] = (byte) 0x28;
        assertRuleRejected(write("r.yml", bad), "IO_ERROR", 11);
    }

    @Test
    void nulInRuleFileIsRejected() throws IOException {
        assertRuleRejected(write("r.yml", rule("Image: 'a\u0000b'")), "YAML_SYNTAX", 8);
    }

    @Test
    void yamlTagsNeverConstructObjects() throws IOException {
        assertRuleRejected(write("r.yml", rule("Image: !!java.lang.ProcessBuilder [['touch', 'pwned']]")),
                "YAML_FORBIDDEN_TAG", 8);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void aliasBombIsRejected() throws IOException {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            String p = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    List.of(p, p, p, p, p, p, p, p, p, p))).append("]\n");
        }
        assertRuleRejected(write("r.yml", yaml.toString()), "YAML_LIMIT", 0);
    }

    @Test
    void deepYamlNestingIsRejected() throws IOException {
        assertRuleRejected(write("r.yml", rule("Image: " + "[".repeat(100_000))), "YAML_LIMIT", 8);
    }

    @Test
    void oversizedRuleFileIsRejected() throws IOException {
        assertRuleRejected(write("r.yml", rule("Image: 'x'") + "#" + "x".repeat(3 * 1024 * 1024) + "\n"),
                "YAML_LIMIT", 1);
    }

    @Test
    void catastrophicBacktrackingPatternScansInLinearTime() throws IOException {
        Path rules = write("r.yml", rule("CommandLine|re: '(a+)+$'"));
        String attack = "a".repeat(100_000) + "!";
        Path events = write("e.jsonl", sysmon("x.exe", attack) + "\n" + sysmon("y.exe", "aaaa") + "\n");

        assertNoStackTrace(CliRunner.run("validate", rules.toString()));
        CliRunner scan = CliRunner.run("scan", "--rules", rules.toString(), "--events", events.toString());

        assertNoStackTrace(scan);
        assertThat(scan.json()).singleElement()
                .satisfies(d -> assertThat(CliRunner.<Long>at(d, "source", "index")).isEqualTo(1L));
    }

    private static final List<String> CODE_LIKE = List.of("\"; System.exit(1); //", "${jndi:ldap://127.0.0.1/a}",
            "eval(java.lang.Runtime.getRuntime().exec(\"id\"))", "\"); drools.halt(); //",
            "#{T(java.lang.System).exit(1)}", "@{System.exit(1)}");

    @Test
    void codeLookingValuesMatchOnlyLiterally() throws IOException {
        String values = CODE_LIKE.stream().map(v -> "- '" + v.replace("'", "''") + "'")
                .collect(Collectors.joining("\n"));
        Path rules = write("r.yml", rule("CommandLine:\n" + values.indent(4)));
        StringBuilder events = new StringBuilder();
        for (String v : CODE_LIKE) {
            events.append(sysmon("x.exe", v)).append('\n').append(sysmon("x.exe", v + " ")).append('\n');
        }
        Path eventFile = write("e.jsonl", events.toString());

        CliRunner validate = CliRunner.run("validate", rules.toString());
        CliRunner scan = CliRunner.run("scan", "--rules", rules.toString(), "--events", eventFile.toString());

        assertNoStackTrace(validate);
        assertThat(validate.exit()).isZero();
        assertNoStackTrace(scan);
        List<Long> hits = scan.json().stream().map(d -> CliRunner.<Long>at(d, "source", "index")).toList();
        assertThat(hits).containsExactly(0L, 2L, 4L, 6L, 8L, 10L);
    }

    /** The bad records of the issue, each between good ones; each must be reported once with file and line. */
    @Test
    void badEventRecordsAreReportedOnceAndSkipped() throws IOException {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        List<byte[]> bad = List.of(
                "{\"Image\":\"a\u00c3(\"}".getBytes(StandardCharsets.ISO_8859_1),          // invalid UTF-8
                "{\"Image\":\"a\u0000b\"}".getBytes(StandardCharsets.UTF_8),               // raw NUL
                "{\"Image\":\"a\u0007\u001b[31mb\"}".getBytes(StandardCharsets.UTF_8),     // raw control characters
                "{\"Image\":\"C:\\\\x\\\\whoami.exe\",".getBytes(StandardCharsets.UTF_8),  // truncated JSON
                "12345".getBytes(StandardCharsets.UTF_8), // not an object (a top-level array would be a list of records)
                "\"just a string\"".getBytes(StandardCharsets.UTF_8),                      // not an object
                ("{\"a\":" + "[".repeat(200_000)).getBytes(StandardCharsets.UTF_8),        // absurd nesting
                ("{\"n\":1" + "0".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8),    // number out of range
                ("{\"big\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8)); // huge field
        int line = 1;
        events.writeBytes((sysmon("C:\\x\\whoami.exe", "first") + "\n").getBytes(StandardCharsets.UTF_8));
        for (byte[] b : bad) {
            events.writeBytes(b);
            events.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            events.writeBytes((sysmon("C:\\x\\whoami.exe", "after " + line) + "\n").getBytes(StandardCharsets.UTF_8));
            line += 2;
        }
        events.writeBytes("{\"Event\": 5}\n{\"Event\": {\"System\": [], \"EventData\": \"?\"}}\n{}\n"
                .getBytes(StandardCharsets.UTF_8)); // unknown shapes: good records nothing matches
        Path eventFile = write("e.jsonl", events.toByteArray());
        Path rules = write("r.yml", WHOAMI_RULE);

        CliRunner scan = CliRunner.run("scan", "--rules", rules.toString(), "--events", eventFile.toString());

        assertNoStackTrace(scan);
        List<String> badLines = scan.err().lines().filter(l -> l.contains("[BAD_RECORD]")).toList();
        Pattern located = Pattern.compile(Pattern.quote(eventFile.toString()) + ":(\\d+):\\d+: error\\[BAD_RECORD]: .+");
        List<Integer> reportedLines = badLines.stream().map(l -> {
            Matcher m = located.matcher(l);
            assertThat(m.find()).as(l).isTrue();
            return Integer.parseInt(m.group(1));
        }).toList();
        assertThat(reportedLines).containsExactly(2, 4, 6, 8, 10, 12, 14, 16, 18);
        List<Map<String, Object>> detections = scan.json();
        assertThat(detections).extracting(d -> CliRunner.<String>at(d, "event", "Event", "EventData", "CommandLine"))
                .containsExactly("first", "after 1", "after 3", "after 5", "after 7", "after 9", "after 11",
                        "after 13", "after 15", "after 17");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonl", "text"})
    void scanOutputEscapesWhatItCopiesFromEvents(String format) throws IOException {
        String hostile = "C:\\x\\\u001b[2J\u001b]0;pwned\u0007\r\nFAKE LINE\u2028\u0085</x>\"\\whoami.exe";
        Path rules = write("r.yml", WHOAMI_RULE);
        Path events = write("e.jsonl", sysmon(hostile, "a\nb\u001b[31m") + "\n");

        CliRunner scan = CliRunner.run("scan", "--format", format, "--rules", rules.toString(), "--events",
                events.toString());

        assertNoStackTrace(scan);
        assertThat(scan.out()).isNotEmpty().doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007");
        assertThat(scan.out().lines()).noneMatch(l -> l.startsWith("FAKE LINE"));
        if (format.equals("text")) {
            assertThat(scan.out()).doesNotContain("\u2028").doesNotContain("\u0085");
        } else {
            assertThat(CliRunner.<String>at(scan.json().get(0), "event", "Event", "EventData", "Image"))
                    .isEqualTo(hostile);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "sarif", "junit"})
    void validateOutputEscapesWhatItCopiesFromRules(String format) throws Exception {
        String title = "T\u001b[2J]]></testcase><x a=\"1\">&amp;\u0007\r\nFAKE: error";
        String yaml = rule("Image: x\nImage: y").replace("title: Hostile", "title: \"" + title
                .replace("\\", "\\\\").replace("\"", "\\\"").replace("\u001b", "\\e").replace("\u0007", "\\a")
                .replace("\r", "\\r").replace("\n", "\\n") + "\"");
        Path rules = write("r.yml", yaml);

        CliRunner validate = CliRunner.run("validate", "--format", format, rules.toString());

        assertNoStackTrace(validate);
        assertThat(validate.exit()).isEqualTo(1);
        assertThat(validate.out()).doesNotContain("\u001b").doesNotContain("\u0007");
        if (!format.equals("junit")) { // line breaks are legal inside XML attributes and read back as spaces
            assertThat(validate.out()).doesNotContain("\r");
            assertThat(validate.out().lines()).noneMatch(l -> l.startsWith("FAKE"));
        }
        switch (format) {
            case "json", "sarif" -> assertThat(validate.json()).isNotEmpty();
            case "junit" -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(validate.out().getBytes(StandardCharsets.UTF_8)));
            default -> { }
        }
    }
}
