package dev.edr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final String GOOD = """
            title: Whoami
            id: 0b0d0c63-6b4b-4b8e-9d53-1e0b7e2c1a01
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection
            level: low
            """;
    private static final String BAD = """
            title: Broken
            id: 0b0d0c63-6b4b-4b8e-9d53-1e0b7e2c1a02
            logsource:
                product: windows
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection and not filter
            level: low
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validPackExitsZeroWithSummary() throws IOException {
        write("good.yml", GOOD);
        CliRunner r = CliRunner.run("validate", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("1 rules: 1 valid, 0 with errors");
    }

    @Test
    void errorIsLocatedWithSourceLineAndCaret() throws IOException {
        Path bad = write("bad.yml", BAD);
        write("good.yml", GOOD);
        CliRunner r = CliRunner.run("validate", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(bad + ":8:34: error[UNDEFINED_IDENTIFIER]:")
                .contains("  | " + "    condition: selection and not filter\n  | " + " ".repeat(33) + "^")
                .contains("2 rules: 1 valid, 1 with errors");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void jsonReportCarriesCountsAndIssues() throws IOException {
        Path bad = write("bad.yml", BAD);
        CliRunner r = CliRunner.run("validate", "--format", "json", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        Map<String, Object> doc = r.json().get(0);
        assertThat(CliRunner.<Long>at(doc, "rules")).isEqualTo(1L);
        assertThat(CliRunner.<Long>at(doc, "valid")).isZero();
        List<Map<String, Object>> issues = CliRunner.at(doc, "issues");
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i).containsEntry("file", bad.toString()).containsEntry("line", 8L).containsEntry("column", 34L)
                    .containsEntry("severity", "error").containsEntry("code", "UNDEFINED_IDENTIFIER");
        });
    }

    @Test
    void sarifHasStableRuleIdsAndRegions() throws IOException {
        write("bad.yml", BAD);
        CliRunner r = CliRunner.run("validate", "--format", "sarif", dir.toString());
        Map<String, Object> doc = r.json().get(0);
        assertThat(doc).containsEntry("version", "2.1.0");
        List<Map<String, Object>> runs = CliRunner.at(doc, "runs");
        List<Map<String, Object>> results = CliRunner.at(runs.get(0), "results");
        assertThat(results).singleElement().satisfies(res -> {
            assertThat(res).containsEntry("ruleId", "UNDEFINED_IDENTIFIER").containsEntry("level", "error");
            List<Map<String, Object>> locs = CliRunner.at(res, "locations");
            assertThat(CliRunner.<Long>at(locs.get(0), "physicalLocation", "region", "startLine")).isEqualTo(8L);
        });
        List<Map<String, Object>> rules = CliRunner.at(runs.get(0), "tool", "driver", "rules");
        assertThat(rules).extracting(m -> m.get("id")).contains("UNDEFINED_IDENTIFIER", "YAML_SYNTAX");
    }

    @Test
    void junitHasOneCasePerRule() throws IOException {
        write("bad.yml", BAD);
        write("good.yml", GOOD);
        CliRunner r = CliRunner.run("validate", "--format", "junit", dir.toString());
        assertThat(r.out()).contains("tests=\"2\" failures=\"1\"")
                .contains("<testcase classname=\"" + dir.resolve("bad.yml") + "\" name=\"Broken [0b0d0c63-6b4b-4b8e-9d53-1e0b7e2c1a02]\">")
                .contains("<failure message=");
        assertThat(r.out().split("<testcase ", -1)).hasSize(3);
    }

    @Test
    void usageErrorsExitTwoWithoutStackTrace() {
        CliRunner missing = CliRunner.run("validate", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or directory");
        CliRunner badOption = CliRunner.run("validate", "--format", "xml", dir.toString());
        assertThat(badOption.exit()).isEqualTo(2);
        CliRunner noArgs = CliRunner.run("validate");
        assertThat(noArgs.exit()).isEqualTo(2);
        CliRunner noCommand = CliRunner.run();
        assertThat(noCommand.exit()).isEqualTo(2);
        for (CliRunner r : List.of(missing, badOption, noArgs, noCommand)) {
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void binaryGarbageIsALocatedErrorNotACrash() throws IOException {
        Path p = dir.resolve("garbage.yml");
        Files.write(p, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', (byte) 0xc3, 0x28});
        CliRunner r = CliRunner.run("validate", p.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsPattern(p + ":\\d+:\\d+: error\\[");
        assertThat(r.err()).doesNotContain("Exception");
    }
}
