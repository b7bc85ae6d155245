package dev.edr.core.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.internal.response.Json;
import dev.edr.core.rule.LogSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo, as the CLI will run it: a credential-dumping detection with a privileged account leads to host
 * isolation, termination of the account's sessions and credential rotation; default (logging) adapters, rotation
 * held for approval, then the audit trail.
 */
class CredentialDumpingDemoTest {
    @TempDir Path dir;

    static ActionTemplate template(ActionType type, String... kv) {
        Map<String, ParamTemplate> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], ParamTemplate.parse(kv[i + 1]).template());
        }
        return new ActionTemplate(type, m, false, null);
    }

    @Test
    void credentialDumpingIsContainedAndTheRotationWaitsForApproval() throws Exception {
        Playbook playbook = new Playbook("credential-dumping-containment", "", new Selector(Set.of(),
                List.of("attack.credential_access"), Set.of(), "high", LogSource.ANY, null), List.of(
                template(ActionType.ISOLATE_HOST, "host", "%Computer%"),
                template(ActionType.TERMINATE_SESSIONS, "account", "%SubjectUserName%"),
                template(ActionType.ROTATE_CREDENTIAL, "account", "%SubjectUserName%")), false, null);
        Trigger detection = Trigger.builder().rule("5ef9853e-4d0e-4a70-846f-a9ca37d876da", "LSASS Memory Dump",
                "critical").tags(List.of("attack.credential_access", "attack.t1003.001"))
                .source("incident.jsonl", 12).host("WS-FIN-07").eventTime(Instant.parse("2024-05-01T10:00:00Z"))
                .fields(Map.of("Computer", "WS-FIN-07", "SubjectUserName", "CORP\\adm-jdoe")).build();

        AuditProbe probe = new AuditProbe();
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        var logging = dev.edr.core.response.adapters.LoggingAdapter.to(logged::add);
        try (Dispatcher d = Dispatcher.builder().hostIsolation(logging).remediation(logging).privilegedAccess(logging)
                .journal(dir.resolve("journal.jsonl")).requireApproval(ActionType.ROTATE_CREDENTIAL)
                .protectedAssets(new ProtectedAssets(List.of("dc*"), List.of("breakglass*")))
                .auditListener(probe).build()) {
            d.submit(Playbooks.of(List.of(playbook)).plan(detection));
            assertThat(d.awaitIdle(Duration.ofSeconds(5))).isTrue();

            assertThat(d.pendingApprovals()).singleElement().satisfies(p ->
                    assertThat(p.action()).isEqualTo(new ResponseAction.RotateCredential("CORP\\adm-jdoe")));
            assertThat(logged).hasSize(2);
            String key = d.pendingApprovals().get(0).key();
            assertThat(d.approve(key, "soc-lead@corp")).isTrue();
            assertThat(d.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(logged).hasSize(3);
        }
        List<AuditEntry> trail = probe.entries();
        assertThat(trail).filteredOn(e -> e.state().isFinal()).extracting(e -> e.type().wireName() + " "
                + e.state().wireName()).containsExactlyInAnyOrder("isolate_host accepted",
                "terminate_sessions accepted", "rotate_credential accepted");
        assertThat(trail).extracting(AuditEntry::state).contains(ActionState.PENDING_APPROVAL, ActionState.APPROVED);

        // each line is the CLI's {"action": {...}} object
        for (AuditEntry e : trail) {
            Map<String, Object> line = Json.readObject(e.toJson());
            @SuppressWarnings("unchecked")
            Map<String, Object> action = (Map<String, Object>) line.get("action");
            assertThat(action).containsKeys("type", "target", "rule", "key", "state")
                    .containsEntry("rule", "5ef9853e-4d0e-4a70-846f-a9ca37d876da");
        }
    }
}
