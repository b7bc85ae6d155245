package dev.edr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edr scan --respond}: actions after the detections, settings files, journals and approvals. */
class ScanRespondTest {
    static final String RULE_ID = "7b1d3c63-6b4b-4b8e-9d53-1e0b7e2c1a03";
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
            level: high
            response:
                - type: isolate_host
                - type: kill_process
                  params: {pid: '%ProcessId%'}
            """;
    private static final String PLAYBOOK = """
            playbook:
                name: discovery-on-a-workstation
                match: {tags: ['attack.discovery'], level: high}
                approval: [rotate_credential]
                actions:
                    - type: rotate_credential
                      params: {account: 'CORP\\svc-%Computer%'}
            """;

    @TempDir
    Path dir;

    private static String sysmon1(String time) {
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},\"EventID\":1,"
                + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"ws1\",\"TimeCreated\":{\"#attributes\":"
                + "{\"SystemTime\":\"2026-01-02T03:" + time + ".000Z\"}}},\"EventData\":{\"Image\":"
                + "\"C:\\\\Windows\\\\System32\\\\whoami.exe\"}}}";
    }

    private Path rules() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("rule.yml"), RULE);
        Files.writeString(rules.resolve("playbook.yml"), PLAYBOOK);
        return rules;
    }

    private Path events() throws IOException {
        return Files.writeString(dir.resolve("events.jsonl"), sysmon1("04:05") + "\n" + sysmon1("04:35") + "\n");
    }

    private static List<Map<String, Object>> actions(CliRunner r) {
        return r.json().stream().filter(d -> d.containsKey("action")).toList();
    }

    /** {@code type target state} of every action line. */
    private static List<String> decisions(CliRunner r) {
        return actions(r).stream().map(d -> CliRunner.<String>at(d, "action", "type") + " "
                + CliRunner.<String>at(d, "action", "target") + " " + CliRunner.<String>at(d, "action", "state")).toList();
    }

    private CliRunner scan(String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--rules", rules().toString(), "--events",
                events().toString(), "--respond"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void actionLinesFollowTheDetections() throws IOException {
        CliRunner r = scan();
        assertThat(r.exit()).isZero();
        List<Map<String, Object>> lines = r.json();
        assertThat(lines).hasSize(2 + actions(r).size());
        assertThat(lines.subList(0, 2)).allSatisfy(d -> assertThat(d).containsKey("rule"));
        assertThat(decisions(r)).containsExactlyInAnyOrder(
                "isolate_host host:ws1 dispatched",
                "isolate_host host:ws1 accepted",
                "kill_process null skipped_missing_parameter",
                "rotate_credential account:corp\\svc-ws1 pending_approval",
                // the second event: the same actions again, inside the dedup window
                "isolate_host host:ws1 suppressed_duplicate",
                "kill_process null skipped_missing_parameter",
                "rotate_credential account:corp\\svc-ws1 suppressed_duplicate");
        assertThat(actions(r)).allSatisfy(d -> assertThat(CliRunner.<String>at(d, "action", "rule")).isEqualTo(RULE_ID));
        assertThat(actions(r)).filteredOn(d -> "skipped_missing_parameter".equals(CliRunner.at(d, "action", "state")))
                .allSatisfy(d -> assertThat(CliRunner.<String>at(d, "action", "detail"))
                        .contains("missing parameter 'pid'").contains("ProcessId"));
        assertThat(r.err()).contains("responding with 2 playbooks")
                .contains("response: 6 actions: accepted 1, pending_approval 1, skipped_missing_parameter 2, "
                        + "suppressed_duplicate 2")
                .contains("1 action awaits approval: run with --journal FILE");
    }

    @Test
    void dryRunDecidesEverythingAndCallsNoAdapter() throws IOException {
        CliRunner r = scan("--dry-run", "--verbose");
        assertThat(r.exit()).isZero();
        assertThat(decisions(r)).contains("isolate_host host:ws1 dry_run", "rotate_credential account:corp\\svc-ws1 "
                + "dry_run").noneMatch(s -> s.endsWith(" dispatched") || s.endsWith(" accepted"));
        assertThat(r.err()).contains("(dry run)").doesNotContain("logged only");
        CliRunner logged = scan("--verbose");
        assertThat(logged.err()).contains("response (logged only) isolate_host host:ws1");
    }

    @Test
    void textFormatPrintsOneLinePerDecision() throws IOException {
        CliRunner r = scan("--format", "text");
        assertThat(r.out()).containsPattern("action isolate_host +host:ws1 +accepted +rule=" + RULE_ID + " key=[0-9a-f]{32}");
    }

    @Test
    void approvalsWaitInTheJournalForTheRespondCommand() throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        CliRunner first = scan("--journal", journal.toString());
        assertThat(decisions(first)).contains("rotate_credential account:corp\\svc-ws1 pending_approval");
        String key = actions(first).stream().filter(d -> "pending_approval".equals(CliRunner.at(d, "action", "state")))
                .map(d -> CliRunner.<String>at(d, "action", "key")).findFirst().orElseThrow();
        assertThat(first.err()).contains("edr respond pending --journal " + journal);

        CliRunner pending = CliRunner.run("respond", "pending", "--journal", journal.toString());
        assertThat(pending.exit()).isZero();
        assertThat(pending.out()).startsWith(key + "  rotate_credential  {account=CORP\\svc-ws1}  rule=" + RULE_ID)
                .contains("playbook discovery-on-a-workstation");
        CliRunner pendingJson = CliRunner.run("respond", "pending", "--journal", journal.toString(), "--format",
                "jsonl");
        assertThat(pendingJson.json()).singleElement().satisfies(d -> assertThat(CliRunner.<String>at(d, "pending",
                "key")).isEqualTo(key));

        CliRunner approve = CliRunner.run("respond", "approve", key.substring(0, 8), "--journal", journal.toString(),
                "--who", "soc-lead@corp");
        assertThat(approve.exit()).isZero();
        assertThat(approve.err()).contains("no --adapters");
        assertThat(actions(approve)).filteredOn(d -> key.equals(CliRunner.at(d, "action", "key")))
                .extracting(d -> CliRunner.<String>at(d, "action", "state") + " " + CliRunner.at(d, "action",
                        "approved_by")).containsExactly("pending_approval null", "approved soc-lead@corp",
                        "dispatched soc-lead@corp", "accepted soc-lead@corp");
        assertThat(CliRunner.run("respond", "pending", "--journal", journal.toString()).out()).isEmpty();

        // the same events again on the same journal: every action is already there
        CliRunner replay = scan("--journal", journal.toString());
        assertThat(decisions(replay)).filteredOn(s -> !s.contains("skipped_missing_parameter"))
                .allSatisfy(s -> assertThat(s).endsWith(" suppressed_duplicate")).hasSize(4);

        CliRunner again = CliRunner.run("respond", "approve", key, "--journal", journal.toString(), "--who", "x");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("no action awaits approval under key " + key);
    }

    @Test
    void aRejectedActionIsNeverCarriedOut() throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        String key = actions(scan("--journal", journal.toString())).stream()
                .filter(d -> "pending_approval".equals(CliRunner.at(d, "action", "state")))
                .map(d -> CliRunner.<String>at(d, "action", "key")).findFirst().orElseThrow();
        CliRunner reject = CliRunner.run("respond", "reject", key, "--journal", journal.toString(), "--who", "alice",
                "--format", "text");
        assertThat(reject.exit()).isZero();
        assertThat(reject.out()).contains("rejected").contains("(rejected by alice)").doesNotContain("dispatched");
        assertThat(CliRunner.run("respond", "pending", "--journal", journal.toString()).out()).isEmpty();
    }

    @Test
    void settingsRouteActionsToARealAdapterAndProtectAssets() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            Path settings = Files.writeString(dir.resolve("response.yml"), """
                    approval: false
                    adapters:
                      - type: http
                        name: edr-console
                        base_url: http://127.0.0.1:%d/api/
                        endpoints:
                          isolate_host: {path: 'hosts/{host}/isolate'}
                    """.formatted(server.getAddress().getPort()));
            CliRunner r = scan("--adapters", settings.toString());
            assertThat(r.exit()).isZero();
            String key = actions(r).stream().filter(d -> "succeeded".equals(CliRunner.at(d, "action", "state")))
                    .map(d -> CliRunner.<String>at(d, "action", "key")).findFirst().orElseThrow();
            assertThat(calls).containsExactly("POST /api/hosts/ws1/isolate " + key);
            assertThat(actions(r)).filteredOn(d -> key.equals(CliRunner.at(d, "action", "key")))
                    .extracting(d -> CliRunner.<String>at(d, "action", "adapter")).contains("edr-console");
            // the playbook's own approval still holds: settings add approvals, never remove them
            assertThat(decisions(r)).contains("rotate_credential account:corp\\svc-ws1 pending_approval");

            Files.writeString(settings, "protected: {hosts: ['ws*'], accounts: ['svc-*']}\n", 
                    java.nio.file.StandardOpenOption.APPEND);
            calls.clear();
            CliRunner guarded = scan("--adapters", settings.toString());
            assertThat(decisions(guarded)).contains("isolate_host host:ws1 suppressed_protected",
                    "rotate_credential account:corp\\svc-ws1 suppressed_protected");
            assertThat(calls).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void responseProblemsAreUsageErrorsWithoutStackTraces() throws IOException {
        CliRunner orphan = CliRunner.run("scan", "--rules", rules().toString(), "--events", events().toString(),
                "--dry-run");
        assertThat(orphan.exit()).isEqualTo(2);
        assertThat(orphan.err()).contains("--dry-run needs --respond");

        Path bad = Files.writeString(dir.resolve("bad.yml"), "budget: {max: 0, per: 1h}\nadapter: []\n");
        CliRunner invalid = scan("--adapters", bad.toString());
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains(bad + ":1:15: error[INVALID_ATTRIBUTE]: budget.max must be a positive")
                .contains(bad + ":2:1: error[INVALID_ATTRIBUTE]: unknown key 'adapter'").doesNotContain("Exception");
        assertThat(invalid.out()).isEmpty();

        Path secret = Files.writeString(dir.resolve("secret.yml"), """
                adapters:
                  - type: http
                    base_url: https://edr.example/
                    token_env: EDR_TEST_TOKEN_THAT_IS_NEVER_SET_7f3a
                    endpoints: {isolate_host: {path: 'h/{host}'}}
                """);
        CliRunner unset = scan("--adapters", secret.toString());
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err()).contains(secret + ":2:5: environment variable EDR_TEST_TOKEN_THAT_IS_NEVER_SET_7f3a"
                + " (token_env) is not set");

        CliRunner noDir = scan("--journal", dir.resolve("no/such/dir/journal.jsonl").toString());
        assertThat(noDir.exit()).isEqualTo(2);
        assertThat(noDir.err()).contains("cannot open journal").doesNotContain("Exception:");

        assertThat(CliRunner.run("respond", "approve", "abcdef", "--journal", dir.resolve("none").toString(), "--who",
                "x").exit()).isEqualTo(2);
        assertThat(CliRunner.run("respond").exit()).isEqualTo(2);
    }

    @Test
    void aBrokenResponseBlockIsARuleErrorAndTheRestStillRuns() throws IOException {
        Files.writeString(dir.resolve("rule.yml"), RULE.replace("type: isolate_host", "type: isolate_hots"));
        Files.writeString(dir.resolve("playbook.yml"), PLAYBOOK);
        CliRunner r = CliRunner.run("scan", "--rules", dir.resolve("rule.yml").toString(), dir.resolve("playbook.yml")
                .toString(), "--events", events().toString(), "--respond");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("rule.yml:14:13: error[INVALID_ATTRIBUTE]: unknown action 'isolate_hots'");
        assertThat(r.json()).noneMatch(d -> d.containsKey("rule")); // the rule did not load
        CliRunner strict = CliRunner.run("scan", "--strict", "--rules", dir.resolve("rule.yml").toString(),
                "--events", events().toString(), "--respond");
        assertThat(strict.exit()).isEqualTo(1);
    }
}
