package dev.edr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    private static final String LSASS = "a3fd33bc-4df0-43dc-9a28-b811d5384e2a";
    private static final String COMSVCS = "92dd4766-9656-4c3d-b461-cabeffeee196";
    private static final String EXPLICIT_CREDENTIALS = "01d24ff0-df3f-4028-9ee0-552af92b1f02";

    @Test
    void demoTellsTheIntrusion() {
        CliRunner r = CliRunner.run("demo");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Office Application Spawns a Script Interpreter")
                .contains("Unusual Process Reads LSASS Memory")
                .contains("Remote Execution Service Spawns a Shell")
                .contains("credential access")
                .contains("lateral movement")
                .contains("on 2 hosts: WS-FIN-07, SRV-FILE-01");
    }

    @Test
    void demoTellsTheResponseAfterTheStory() {
        CliRunner r = CliRunner.run("demo");
        String out = r.out();
        int response = out.indexOf("\nResponse\n");
        assertThat(response).isGreaterThan(out.indexOf("on 2 hosts"));
        String part = out.substring(response);
        assertThat(part).containsPattern("isolate_host +host:ws-fin-07.corp.example +accepted\n"
                        + " +rule: Unusual Process Reads LSASS Memory\n +why: +playbook credential-dumping-containment")
                .containsPattern("isolate_host +host:ws-fin-07.corp.example +suppressed_duplicate\n"
                        + " +rule: LSASS Dumped With comsvcs.dll MiniDump")
                .containsPattern("terminate_sessions +account:corp\\\\adm-jsmith +accepted\n"
                        + " +rule: Explicit Credentials of an Admin Account Used From a Workstation\n"
                        + " +why: +playbook stolen-admin-credentials")
                .containsPattern("rotate_credential +account:corp\\\\adm-jsmith +pending_approval\n.*\n +why: .*"
                        + "held until a person approves it")
                .contains("Audit trail");
        // six decisions: two per carried-out action, the duplicate, the held rotation
        assertThat(part.lines().filter(l -> l.matches(" *\\d+\\. .*"))).hasSize(6);
    }

    @Test
    void demoJsonlIsTheScanFormatWithTheActionsAfterTheDetections() {
        CliRunner r = CliRunner.run("demo", "--format", "jsonl");
        assertThat(r.exit()).isZero();
        List<Map<String, Object>> lines = r.json();
        List<Map<String, Object>> detections = lines.stream().filter(d -> d.containsKey("rule")).toList();
        List<Map<String, Object>> actions = lines.stream().filter(d -> d.containsKey("action")).toList();
        assertThat(detections).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(d -> assertThat(CliRunner.<String>at(d, "source", "file")).endsWith("demo/intrusion.jsonl"));
        assertThat(lines.subList(detections.size(), lines.size())).isEqualTo(actions);
        assertThat(actions).extracting(a -> CliRunner.<String>at(a, "action", "type") + " "
                + CliRunner.at(a, "action", "target") + " " + CliRunner.at(a, "action", "state") + " "
                + CliRunner.at(a, "action", "rule")).containsExactlyInAnyOrder(
                "isolate_host host:ws-fin-07.corp.example dispatched " + LSASS,
                "isolate_host host:ws-fin-07.corp.example accepted " + LSASS,
                "isolate_host host:ws-fin-07.corp.example suppressed_duplicate " + COMSVCS,
                "terminate_sessions account:corp\\adm-jsmith dispatched " + EXPLICIT_CREDENTIALS,
                "terminate_sessions account:corp\\adm-jsmith accepted " + EXPLICIT_CREDENTIALS,
                "rotate_credential account:corp\\adm-jsmith pending_approval " + EXPLICIT_CREDENTIALS);
        assertThat(actions).allSatisfy(a -> assertThat(CliRunner.<String>at(a, "action", "key")).matches("[0-9a-f]{32}"));
        assertThat(actions).filteredOn(a -> "accepted".equals(CliRunner.at(a, "action", "state")))
                .allSatisfy(a -> assertThat(CliRunner.<String>at(a, "action", "detail")).contains("logged only"));
    }
}
