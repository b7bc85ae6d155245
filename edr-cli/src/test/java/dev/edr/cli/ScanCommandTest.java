package dev.edr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    private static final String RULE = """
            title: Whoami Execution
            id: 7b1d3c63-6b4b-4b8e-9d53-1e0b7e2c1a03
            tags:
                - attack.discovery
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection
            level: low
            """;

    @TempDir
    Path dir;

    private static String sysmon1(String image) {
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
                + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"ws1\",\"TimeCreated\":{\"#attributes\":"
                + "{\"SystemTime\":\"2026-01-02T03:04:05.000Z\"}}},\"EventData\":{\"Image\":\"" + image.replace("\\", "\\\\")
                + "\",\"CommandLine\":\"line1\\nline2\"}}}";
    }

    @Test
    void jsonlDetectionsCarryRuleSourceAndEvent() throws IOException {
        Path rules = Files.writeString(dir.resolve("r.yml"), RULE);
        Path events = Files.writeString(dir.resolve("e.jsonl"), String.join("\n",
                sysmon1("C:\\Windows\\System32\\cmd.exe"), sysmon1("C:\\Windows\\System32\\whoami.exe")) + "\n");
        CliRunner r = CliRunner.run("scan", "--rules", rules.toString(), "--events", events.toString());
        assertThat(r.exit()).isZero();
        List<Map<String, Object>> out = r.json();
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(CliRunner.<String>at(d, "rule", "id")).isEqualTo("7b1d3c63-6b4b-4b8e-9d53-1e0b7e2c1a03");
            assertThat(CliRunner.<String>at(d, "rule", "title")).isEqualTo("Whoami Execution");
            assertThat(CliRunner.<String>at(d, "rule", "level")).isEqualTo("low");
            assertThat(CliRunner.<List<String>>at(d, "rule", "tags")).containsExactly("attack.discovery");
            assertThat(CliRunner.<String>at(d, "source", "file")).isEqualTo(events.toString());
            assertThat(CliRunner.<Long>at(d, "source", "index")).isEqualTo(1L);
            assertThat(CliRunner.<String>at(d, "event", "Event", "EventData", "CommandLine")).isEqualTo("line1\nline2");
        });
        assertThat(r.err()).contains("2 events from 1 file").contains("0 bad records").contains("1 detections: low 1");
    }

    @Test
    void badRecordIsReportedWithLineAndTheRestIsScanned() throws IOException {
        Path rules = Files.writeString(dir.resolve("r.yml"), RULE);
        Path events = Files.writeString(dir.resolve("e.jsonl"), String.join("\n",
                sysmon1("C:\\x\\whoami.exe"), "{\"Event\": {\"System\": ", "42",
                sysmon1("C:\\y\\whoami.exe")) + "\n");
        CliRunner r = CliRunner.run("scan", "--rules", rules.toString(), "--events", events.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.json()).extracting(d -> CliRunner.<Long>at(d, "source", "index")).containsExactly(0L, 3L);
        assertThat(r.err()).contains(events + ":2:").contains(events + ":3:").contains("2 bad records");
        assertThat(r.err()).doesNotContain("Exception");
        CliRunner strict = CliRunner.run("scan", "--strict", "--rules", rules.toString(), "--events", events.toString());
        assertThat(strict.exit()).isEqualTo(1);
    }

    @Test
    void textFormatEscapesControlCharacters() throws IOException {
        Path rules = Files.writeString(dir.resolve("r.yml"), RULE.replace("Image|endswith: '\\whoami.exe'", "CommandLine|contains: 'line'"));
        Path events = Files.writeString(dir.resolve("e.json"), "[" + sysmon1("C:\\a\\b.exe") + "]");
        CliRunner r = CliRunner.run("scan", "--format", "text", "--rules", rules.toString(), "--events", events.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("CommandLine: line1\\nline2").doesNotContain("line1\nline2");
    }

    @Test
    void flatEventsTakeTheirLogsourceFromTheCommandLine() throws IOException {
        Path rules = Files.writeString(dir.resolve("r.yml"), RULE);
        Path events = Files.writeString(dir.resolve("flat.jsonl"), "{\"Image\": \"/x/whoami.exe\"}\n{\"Image\": \"C:\\\\whoami.exe\"}\n");
        CliRunner linux = CliRunner.run("scan", "--logsource", "product=linux,category=process_creation",
                "--rules", rules.toString(), "--events", events.toString());
        assertThat(linux.json()).isEmpty();
        CliRunner windows = CliRunner.run("scan", "--logsource", "product=windows,category=process_creation",
                "--rules", rules.toString(), "--events", events.toString());
        assertThat(windows.json()).hasSize(1);
        CliRunner bad = CliRunner.run("scan", "--logsource", "vendor=x", "--rules", rules.toString(), "--events", events.toString());
        assertThat(bad.exit()).isEqualTo(2);
    }

    @Test
    void missingInputsAreUsageErrors() {
        CliRunner r = CliRunner.run("scan", "--rules", dir.resolve("none").toString(), "--events", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(CliRunner.run("scan", "--events", dir.toString()).exit()).isEqualTo(2);
    }

    @Test
    void correlationDetectionNamesTheCompletingEventAndItsContributors() throws IOException {
        Path rules = Files.writeString(dir.resolve("r.yml"), RULE + """
                ---
                title: Whoami Burst
                id: 7b1d3c63-6b4b-4b8e-9d53-1e0b7e2c1a04
                correlation:
                    type: event_count
                    rules:
                        - 7b1d3c63-6b4b-4b8e-9d53-1e0b7e2c1a03
                    group-by:
                        - Computer
                    timespan: 1m
                    condition:
                        gte: 2
                level: high
                """);
        String first = sysmon1("C:\\x\\whoami.exe");
        String second = first.replace("03:04:05", "03:04:35");
        String late = first.replace("03:04:05", "03:09:05");
        Path events = Files.writeString(dir.resolve("e.jsonl"), String.join("\n", first, second, late) + "\n");
        CliRunner r = CliRunner.run("scan", "--rules", rules.toString(), "--events", events.toString());
        assertThat(r.exit()).isZero();
        List<Map<String, Object>> correlations = r.json().stream().filter(d -> d.containsKey("correlation")).toList();
        assertThat(correlations).singleElement().satisfies(d -> {
            assertThat(CliRunner.<String>at(d, "rule", "id")).isEqualTo("7b1d3c63-6b4b-4b8e-9d53-1e0b7e2c1a04");
            assertThat(CliRunner.<Long>at(d, "source", "index")).isEqualTo(1L);
            assertThat(CliRunner.<String>at(d, "correlation", "type")).isEqualTo("event_count");
            assertThat(CliRunner.<Map<String, Object>>at(d, "correlation", "group")).containsEntry("Computer", "ws1");
            assertThat(CliRunner.<Long>at(d, "correlation", "count")).isEqualTo(2L);
            assertThat(CliRunner.<List<Map<String, Object>>>at(d, "correlation", "events"))
                    .extracting(e -> e.get("index")).containsExactly(0L, 1L);
        });
    }

    @Test
    void oversizedFieldIsCutAndTheDetectionMarkedTruncated() throws IOException {
        Path rules = Files.writeString(dir.resolve("r.yml"), RULE);
        String big = sysmon1("C:\\x\\whoami.exe").replace("line1\\nline2", "A".repeat(5_000));
        Path events = Files.writeString(dir.resolve("e.jsonl"), sysmon1("C:\\y\\whoami.exe") + "\n" + big + "\n");
        CliRunner r = CliRunner.run("scan", "--max-field-chars", "100", "--rules", rules.toString(), "--events", events.toString());
        assertThat(r.exit()).isZero();
        List<Map<String, Object>> out = r.json();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).doesNotContainKey("truncated");
        assertThat(out.get(1)).containsEntry("truncated", true);
        assertThat(CliRunner.<String>at(out.get(1), "event", "Event", "EventData", "CommandLine")).hasSize(100);
        assertThat(CliRunner.run("scan", "--max-field-chars", "0", "--rules", rules.toString(), "--events", events.toString()).exit())
                .isEqualTo(2);
    }
}
