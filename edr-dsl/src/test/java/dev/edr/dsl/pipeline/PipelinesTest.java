package dev.edr.dsl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.LoadException;
import dev.edr.core.event.WindowsMapping;
import dev.edr.core.event.WindowsMapping.CategoryRoute;
import dev.edr.core.event.WindowsMapping.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesTest {

    private static List<Issue> issuesOf(String yaml) {
        LoadException e = catchThrowableOfType(LoadException.class, () -> Pipelines.parse("p.yml", yaml));
        assertThat(e).as("expected a LoadException").isNotNull();
        return e.issues();
    }

    private static List<String> headlines(List<Issue> issues) {
        return issues.stream().map(Issue::headline).collect(Collectors.toList());
    }

    private static CategoryRoute route(WindowsMapping m, String source, String category) {
        return m.sources().get(source).categories().stream().filter(r -> r.category().equals(category))
                .findFirst().orElseThrow();
    }

    @Test
    void defaultPipelineCoversTheSysmonAndSecurityRouting() {
        WindowsMapping m = Pipelines.windowsDefault();
        assertThat(m).isSameAs(Pipelines.windowsDefault());
        assertThat(m.product()).isEqualTo("windows");
        Source sysmon = m.sources().get("sysmon");
        assertThat(sysmon.channels()).containsExactly("Microsoft-Windows-Sysmon/Operational");
        assertThat(sysmon.services()).containsExactly("sysmon");
        Map<String, Set<Long>> ids = sysmon.categories().stream()
                .collect(Collectors.toMap(CategoryRoute::category, CategoryRoute::eventIds));
        assertThat(ids).containsEntry("process_creation", Set.of(1L)).containsEntry("network_connection", Set.of(3L))
                .containsEntry("sysmon_status", Set.of(4L, 16L)).containsEntry("registry_event", Set.of(12L, 13L, 14L))
                .containsEntry("pipe_created", Set.of(17L, 18L)).containsEntry("wmi_event", Set.of(19L, 20L, 21L))
                .containsEntry("file_delete", Set.of(23L, 26L)).containsEntry("dns_query", Set.of(22L))
                .containsEntry("file_executable_detected", Set.of(29L));
        assertThat(route(m, "sysmon", "registry_delete").when())
                .containsEntry("EventType", List.of("DeleteKey", "DeleteValue"));
        assertThat(route(m, "security", "process_creation").fieldMapping())
                .containsEntry("Image", "NewProcessName").containsEntry("ParentImage", "ParentProcessName");
        assertThat(route(m, "windefend", "antivirus").fieldMapping()).containsEntry("Signature", "ThreatName");
        assertThat(m.sources().values().stream().flatMap(s -> s.services().stream()))
                .contains("security", "system", "application", "powershell", "powershell-classic", "taskscheduler",
                        "wmi", "dns-server", "driver-framework", "firewall-as", "bits-client", "windefend",
                        "codeintegrity-operational", "applocker", "ntlm", "printservice-admin", "smbclient-security");
    }

    @Test
    void userPipelineReplacesTheDefault() throws LoadException {
        WindowsMapping m = Pipelines.parse("mine.yml", "kind: windows\nproduct: windows\nsources:\n"
                + "  edr:\n    providers: [My-Agent]\n    services: agent\n    categories:\n"
                + "      process_creation: {event_ids: [1, 0x10], fields: {Image: exe}}\n"
                + "      any_event: {when: {Kind: [a, 1]}}\n");
        assertThat(m.sources()).containsOnlyKeys("edr");
        Source s = m.sources().get("edr");
        assertThat(s.providers()).containsExactly("My-Agent");
        assertThat(s.channels()).isEmpty();
        assertThat(s.categories()).containsExactly(
                new CategoryRoute("process_creation", Set.of(1L, 16L), Map.of(), Map.of("Image", "exe")),
                new CategoryRoute("any_event", Set.of(), Map.of("Kind", List.of("a", "1")), Map.of()));
    }

    @Test
    void extendsDefaultReplacesAddsAndRemovesSources() throws LoadException {
        WindowsMapping m = Pipelines.parse("ext.yml", "kind: windows\nextends: default\nsources:\n"
                + "  security:\n    channels: Security\n    services: security\n    categories:\n"
                + "      network_connection: 5156\n"
                + "  wfp: {channels: Security, categories: {firewall: [5156, 5158]}}\n"
                + "  bits-client: null\n");
        WindowsMapping d = Pipelines.windowsDefault();
        assertThat(m.product()).isEqualTo("windows");
        assertThat(m.sources()).doesNotContainKey("bits-client").containsKeys("sysmon", "wfp");
        assertThat(m.sources().get("sysmon")).isEqualTo(d.sources().get("sysmon"));
        assertThat(m.sources().get("security").categories()).extracting(CategoryRoute::category)
                .containsExactly("network_connection");
        assertThat(m.sources().size()).isEqualTo(d.sources().size());
    }

    @Test
    void shapeErrorsAreLocatedAndAllReported() {
        List<Issue> issues = issuesOf("kind: windows\nproduct: windows\nsources:\n"
                + "  a:\n    channel: Security\n"                            // 5: unknown key, and no channels
                + "  b:\n    channels: [Security, 42, '']\n"                  // 7: empty string (42 is a fine name)
                + "    categories:\n      process_creation: [1, x, -1, 70000]\n" // 9
                + "      c2: {event_ids: 1, when: [x], fields: {Image: [a]}}\n" // 10
                + "  c: [x]\n");                                             // 11
        assertThat(headlines(issues)).containsExactly(
                "p.yml:5:5: error[INVALID_ATTRIBUTE]: unknown key 'channel' in source 'a' (expected: categories,"
                        + " channels, providers, services)",
                "p.yml:4:3: error[MISSING_ATTRIBUTE]: source 'a' needs at least one of 'channels' or 'providers'",
                "p.yml:7:30: error[INVALID_ATTRIBUTE]: 'channels' must be a non-empty text, not ''",
                "p.yml:9:29: error[INVALID_ATTRIBUTE]: an event id is an integer from 0 to 65535, not 'x'",
                "p.yml:9:32: error[INVALID_ATTRIBUTE]: an event id is an integer from 0 to 65535, not '-1'",
                "p.yml:9:36: error[INVALID_ATTRIBUTE]: an event id is an integer from 0 to 65535, not '70000'",
                "p.yml:10:32: error[NOT_A_MAPPING]: 'when' must be a mapping, not a list",
                "p.yml:10:53: error[INVALID_ATTRIBUTE]: 'field 'Image'' must be a non-empty text, not a list",
                "p.yml:11:6: error[NOT_A_MAPPING]: source 'c' must be a mapping (channels, providers, services,"
                        + " categories) or null to remove it, not a list");
        assertThat(issues.get(0).context()).isEqualTo("    channel: Security");
    }

    @Test
    void documentLevelErrors() {
        assertThat(headlines(issuesOf("kind: linux\nsources: {}\nextra: 1\n"))).containsExactly(
                "p.yml:3:1: error[INVALID_ATTRIBUTE]: unknown key 'extra' in pipeline (expected: extends, kind,"
                        + " product, sources)",
                "p.yml:1:7: error[INVALID_ATTRIBUTE]: unknown pipeline kind 'linux' (known: windows)",
                "p.yml:1:1: error[MISSING_ATTRIBUTE]: missing 'product'");
        assertThat(headlines(issuesOf("kind: windows\nextends: other\nsources: []\n"))).containsExactly(
                "p.yml:2:10: error[INVALID_ATTRIBUTE]: 'extends' can only name the built-in pipeline: extends: default",
                "p.yml:1:1: error[MISSING_ATTRIBUTE]: missing 'product'",
                "p.yml:3:10: error[NOT_A_MAPPING]: 'sources' maps source names to sources, not a list");
        assertThat(headlines(issuesOf("- a\n"))).containsExactly(
                "p.yml:1:1: error[NOT_A_MAPPING]: a pipeline is a mapping, not a list");
        assertThat(issuesOf("")).extracting(Issue::code).containsExactly(IssueCode.EMPTY_FILE);
        assertThat(issuesOf("# only a comment\n")).extracting(Issue::code).containsExactly(IssueCode.EMPTY_FILE);
        assertThat(issuesOf("kind: windows\n---\nkind: windows\n")).extracting(Issue::code)
                .containsExactly(IssueCode.YAML_SYNTAX);
    }

    @Test
    void yamlSyntaxTagsDuplicatesAndLimits() {
        List<Issue> syntax = issuesOf("kind: windows\nsources:\n  a: {channels: [x}\n");
        assertThat(syntax).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.YAML_SYNTAX);
            assertThat(i.location().line()).isEqualTo(3);
        });
        assertThat(headlines(issuesOf("kind: windows\nproduct: !!binary aGVsbG8=\nsources: {}\n")))
                .containsExactly("p.yml:2:10: error[YAML_FORBIDDEN_TAG]: explicit YAML tag tag:yaml.org,2002:binary is"
                        + " not allowed");
        assertThat(issuesOf("kind: windows\nproduct: !java.lang.Runtime x\nsources: {}\n")).extracting(Issue::code)
                .containsExactly(IssueCode.YAML_FORBIDDEN_TAG);
        assertThat(headlines(issuesOf("kind: windows\nproduct: windows\nproduct: w\nsources: {}\n")))
                .containsExactly("p.yml:3:1: error[YAML_DUPLICATE_KEY]: duplicate key 'product'");
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*").append(i == 0 ? "a" : "b" + (i - 1))
                    .append(", *").append(i == 0 ? "a" : "b" + (i - 1)).append("]\n");
        }
        assertThat(issuesOf(bomb.toString())).extracting(Issue::code).containsExactly(IssueCode.YAML_LIMIT);
        assertThat(issuesOf("kind: windows\nproduct: " + "[".repeat(100_000))).extracting(Issue::code)
                .containsAnyOf(IssueCode.YAML_LIMIT, IssueCode.YAML_SYNTAX);
        assertThat(issuesOf("kind: windows\nproduct: " + "[".repeat(100_000) + "]".repeat(100_000)))
                .extracting(Issue::code).containsExactly(IssueCode.YAML_LIMIT);
        assertThat(issuesOf("kind: windows\nproduct: " + "[".repeat(40) + "]".repeat(40) + "\nsources: {}"))
                .extracting(Issue::message).containsExactly("YAML nesting deeper than 32 levels");
        assertThat(issuesOf("kind: windows\nproduct: windows\nsources: &s {x: *s}\n")).extracting(Issue::code)
                .containsExactly(IssueCode.YAML_LIMIT);
    }

    @Test
    void emojiAtAnyPositionIsRead() throws LoadException {
        for (int pad = 900; pad < 1100; pad++) {
            String channel = "x".repeat(pad) + "\uD83D\uDE00";
            WindowsMapping m = Pipelines.parse("e.yml", "kind: windows\nproduct: windows\nsources:\n  s: {channels: '"
                    + channel + "'}\n");
            assertThat(m.sources().get("s").channels()).containsExactly(channel);
        }
    }

    @Test
    void loadsFilesAndReportsUnreadableOnes(@TempDir Path dir) throws IOException, LoadException {
        Path ok = dir.resolve("p.yml");
        Files.writeString(ok, "\uFEFFkind: windows\nproduct: windows\nsources:\n  s: {channels: C, services: x}\n");
        assertThat(Pipelines.load(ok).sources()).containsOnlyKeys("s");

        LoadException missing = catchThrowableOfType(LoadException.class, () -> Pipelines.load(dir.resolve("no.yml")));
        assertThat(missing.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.IO_ERROR);
            assertThat(i.location().source()).endsWith("no.yml");
        });

        Path binary = dir.resolve("b.yml");
        Files.write(binary, new byte[] {'k', ':', ' ', (byte) 0xFF, '\n'});
        assertThat(catchThrowableOfType(LoadException.class, () -> Pipelines.load(binary)).issues())
                .extracting(Issue::code).containsExactly(IssueCode.YAML_SYNTAX);

        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "kind: windows\nproduct: windows\nsources:\n  s: {services: x}\n");
        assertThat(catchThrowableOfType(LoadException.class, () -> Pipelines.load(bad)).issues())
                .singleElement().satisfies(i -> assertThat(i.headline()).isEqualTo(bad + ":4:3: error[MISSING_ATTRIBUTE]:"
                        + " source 's' needs at least one of 'channels' or 'providers'"));
    }
}
