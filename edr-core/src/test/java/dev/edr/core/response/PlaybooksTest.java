package dev.edr.core.response;

import static dev.edr.core.response.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.response.ResponseAction.IsolateHost;
import dev.edr.core.response.ResponseAction.KillProcess;
import dev.edr.core.response.ResponseAction.RotateCredential;
import dev.edr.core.response.ResponseAction.TerminateSessions;
import dev.edr.core.rule.LogSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaybooksTest {
    static ParamTemplate t(String s) {
        ParamTemplate.Parsed p = ParamTemplate.parse(s);
        assertThat(p.error()).isNull();
        return p.template();
    }

    static ActionTemplate action(ActionType type, String... kv) {
        Map<String, ParamTemplate> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], t(kv[i + 1]));
        }
        return new ActionTemplate(type, m, false, null);
    }

    static Trigger lsass(Map<String, Object> fields) {
        return Trigger.builder().rule("0d894093-71bc-43c3-8c4d-ecfc28dcf5d9", "LSASS Access", "high")
                .ruleName("lsass_access").tags(List.of("attack.credential_access", "attack.t1003.001"))
                .logSource(new LogSource("windows", "process_access", null, null)).host("WS01").eventTime(T0)
                .source("events.jsonl", 3).fields(fields).build();
    }

    static final Map<String, Object> FIELDS = Map.of("SourceProcessId", 4242L, "SourceImage",
            "C:\\Temp\\dump.exe", "SubjectUserName", "CORP\\admin1", "Computer", "ws01.corp.example");

    @Test
    void parametersComeFromEventFieldsBuiltinsAndConstants() {
        Playbook p = new Playbook("contain", "", Selector.forRule("lsass_access"), List.of(
                action(ActionType.ISOLATE_HOST),
                action(ActionType.KILL_PROCESS, "pid", "%sourceprocessid%", "tree", "true", "image", "%SourceImage%"),
                action(ActionType.TERMINATE_SESSIONS, "account", "%SubjectUserName%", "host", "%Computer%"),
                action(ActionType.ROTATE_CREDENTIAL, "account", "%SubjectUserName%")), false, null);
        List<ResponseAction> actions = Playbooks.of(List.of(p)).actionsFor(lsass(FIELDS));
        assertThat(actions).containsExactly(new IsolateHost("WS01"),
                new KillProcess("WS01", 4242, true, "C:\\Temp\\dump.exe"),
                new TerminateSessions("CORP\\admin1", "ws01.corp.example"),
                new RotateCredential("CORP\\admin1"));
    }

    @Test
    void aMissingFieldSkipsTheActionWithAReasonNeverHalfFillsIt() {
        Playbook p = new Playbook("contain", "", Selector.forRule("lsass_access"), List.of(
                action(ActionType.KILL_PROCESS, "pid", "%ProcessId%"),
                action(ActionType.KILL_PROCESS, "pid", "%SubjectUserName%"),
                action(ActionType.QUARANTINE_FILE, "path", "%SourceImage%", "sha256", "%Hashes%"),
                action(ActionType.ISOLATE_HOST)), false, null);
        Trigger noHost = Trigger.builder().rule(null, "LSASS Access", "high").ruleName("lsass_access")
                .fields(FIELDS).build();
        ResponsePlan plan = Playbooks.of(List.of(p)).plan(noHost);
        // the quarantine's optional sha256 is simply left out; its host default is missing, so it is skipped too
        assertThat(plan.requests()).isEmpty();
        assertThat(plan.skipped()).extracting(ResponsePlan.Skipped::problem).containsExactly(
                "missing parameter 'host': the detection has no host",
                "missing parameter 'host': the detection has no host",
                "missing parameter 'host': the detection has no host",
                "missing parameter 'host': the detection has no host");

        ResponsePlan withHost = Playbooks.of(List.of(p)).plan(lsass(FIELDS));
        assertThat(withHost.skipped()).extracting(ResponsePlan.Skipped::problem).containsExactly(
                "missing parameter 'pid': field 'ProcessId' is absent or null",
                "invalid parameter 'pid': 'CORP\\admin1' is not an integer");
        assertThat(withHost.actions()).containsExactly(
                new ResponseAction.QuarantineFile("WS01", "C:\\Temp\\dump.exe", null), new IsolateHost("WS01"));
    }

    @Test
    void selectorsMatchOnRulesTagsLevelsLogsourceAndCorrelation() {
        Trigger t = lsass(FIELDS);
        assertThat(Selector.forRule("lsass_access").matches(t)).isTrue();
        assertThat(Selector.forRule("0d894093-71bc-43c3-8c4d-ecfc28dcf5d9").matches(t)).isTrue();
        assertThat(Selector.forRule("other").matches(t)).isFalse();
        assertThat(sel(Set.of(), List.of("attack.t1003*"), Set.of(), null, LogSource.ANY, null).matches(t)).isTrue();
        assertThat(sel(Set.of(), List.of("attack.execution"), Set.of(), null, LogSource.ANY, null).matches(t))
                .isFalse();
        assertThat(sel(Set.of(), List.of(), Set.of(), "medium", LogSource.ANY, null).matches(t)).isTrue();
        assertThat(sel(Set.of(), List.of(), Set.of(), "critical", LogSource.ANY, null).matches(t)).isFalse();
        assertThat(sel(Set.of(), List.of(), Set.of("High"), null, LogSource.ANY, null).matches(t)).isTrue();
        assertThat(sel(Set.of(), List.of(), Set.of(), null, new LogSource("Windows", null, null, null), null)
                .matches(t)).isTrue();
        assertThat(sel(Set.of(), List.of(), Set.of(), null, new LogSource(null, "process_creation", null, null),
                null).matches(t)).isFalse();
        assertThat(sel(Set.of(), List.of(), Set.of(), null, LogSource.ANY, true).matches(t)).isFalse();
        assertThat(sel(Set.of(), List.of(), Set.of(), null, LogSource.ANY, false).matches(t)).isTrue();
        // all criteria must hold
        assertThat(sel(Set.of("lsass_access"), List.of("attack.execution"), Set.of(), null, LogSource.ANY, null)
                .matches(t)).isFalse();
    }

    private static Selector sel(Set<String> rules, List<String> tags, Set<String> levels, String min, LogSource ls,
            Boolean corr) {
        return new Selector(rules, tags, levels, min, ls, corr);
    }

    @Test
    void theSameActionAskedByTwoPlaybooksIsPlannedOnceWithEachPlaybooksPolicy() {
        Playbook a = new Playbook("a", "", Selector.forRule("lsass_access"), List.of(action(ActionType.ISOLATE_HOST)),
                false, null);
        Playbook b = new Playbook("b", "", new Selector(Set.of(), List.of("attack.credential_access"), Set.of(), null,
                null, null), List.of(action(ActionType.ISOLATE_HOST), new ActionTemplate(ActionType.ROTATE_CREDENTIAL,
                Map.of("account", t("%SubjectUserName%")), true, null)), true, null);
        ResponsePlan plan = Playbooks.of(List.of(a, b)).plan(lsass(FIELDS));
        assertThat(plan.requests()).hasSize(2);
        assertThat(plan.requests().get(0).reason()).isEqualTo("playbook a");
        assertThat(plan.requests().get(0).dryRun()).isFalse();
        ActionRequest rotate = plan.requests().get(1);
        assertThat(rotate.requireApproval()).isTrue();
        assertThat(rotate.dryRun()).isTrue();
    }

    @Test
    void templateSyntax() {
        assertThat(t("%%SystemRoot%%\\x.exe").isConstant()).isTrue();
        assertThat(t("%%SystemRoot%%\\x.exe").constantText()).isEqualTo("%SystemRoot%\\x.exe");
        assertThat(t("%Computer%.corp").references()).extracting(ParamTemplate.Ref::name).containsExactly("Computer");
        assertThat(t("%@rule.id%").references().get(0).isBuiltin()).isTrue();
        assertThat(t("%@timestamp%").references().get(0).isBuiltin()).isFalse();
        ParamTemplate.Parsed open = ParamTemplate.parse("abc %Field");
        assertThat(open.error()).contains("unterminated");
        assertThat(open.errorOffset()).isEqualTo(4);
        ParamTemplate.Parsed spaced = ParamTemplate.parse("50% of %x%");
        assertThat(spaced.error()).contains("invalid character ' '");
        assertThat(spaced.errorOffset()).isEqualTo(3);
        assertThat(ParamTemplate.parse("%%").template().constantText()).isEqualTo("%");
        assertThat(ParamTemplate.parse("%%%").error()).contains("unterminated");
    }

    @Test
    void numbersRenderInPlainDecimal() {
        Trigger tr = lsass(Map.of("Pid", 4242.0, "Big", new java.math.BigDecimal("1E+3")));
        assertThat(t("%Pid%").render(tr).value()).isEqualTo("4242");
        assertThat(t("%Big%").render(tr).value()).isEqualTo("1000");
        assertThat(t("%@event.index%/%@rule.level%").render(tr).value()).isEqualTo("3/high");
        assertThat(t("%Missing%").render(tr).ok()).isFalse();
        assertThat(t("%Nested%").render(lsass(Map.of("Nested", List.of(1)))).problem()).contains("not a single");
    }

    @Test
    void skippedActionsReachTheAuditTrail() throws Exception {
        Playbook p = new Playbook("contain", "", Selector.forRule("lsass_access"),
                List.of(action(ActionType.KILL_PROCESS, "pid", "%ProcessId%"), action(ActionType.ISOLATE_HOST)), false,
                null);
        AuditProbe probe = new AuditProbe();
        try (Dispatcher d = Dispatcher.builder().auditListener(probe).build()) {
            d.submit(Playbooks.of(List.of(p)).plan(lsass(FIELDS)));
            assertThat(d.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
        AuditEntry skipped = probe.await(e -> e.state() == ActionState.SKIPPED_MISSING_PARAMETER, "skipped");
        assertThat(skipped.type()).isEqualTo(ActionType.KILL_PROCESS);
        assertThat(skipped.detail()).isEqualTo("missing parameter 'pid': field 'ProcessId' is absent or null");
        assertThat(skipped.ruleId()).isEqualTo("0d894093-71bc-43c3-8c4d-ecfc28dcf5d9");
        assertThat(skipped.toJson()).contains("\"state\":\"skipped_missing_parameter\"", "\"key\":null");
        // the default logging adapter touched nothing and says so
        assertThat(probe.await(e -> e.state() == ActionState.ACCEPTED, "isolate").detail()).contains("logged only");
    }
}
