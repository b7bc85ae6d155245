package dev.edr.dsl.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.response.ActionTemplate;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.Playbook;
import dev.edr.core.response.Playbooks;
import dev.edr.core.response.ResponseAction;
import dev.edr.core.response.RuleResponse;
import dev.edr.core.response.Trigger;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
    private Diagnostics d;

    private Optional<RuleResponse> parse(String yaml) {
        return parse(yaml, null);
    }

    private Optional<RuleResponse> parse(String yaml, Set<String> fields) {
        d = new Diagnostics("rule.yml", yaml);
        YNode root = ComposedYaml.compose("rule.yml", yaml);
        return ResponseParser.parse(((YMap) root).get("response"), d, fields);
    }

    private Issue only() {
        assertThat(d.issues()).hasSize(1);
        return d.issues().get(0);
    }

    @Test
    void aResponseBlockBecomesTheRulesPlaybook() {
        String yaml = """
                title: LSASS access
                response:
                  approval: [rotate_credential]
                  actions:
                    - type: isolate_host
                    - type: kill_process
                      params: {pid: '%SourceProcessId%', tree: true}
                    - type: rotate_credential
                      params:
                        account: '%SourceUser%'
                    - type: disable_account
                      approval: true
                      params: {account: 'CORP\\%SourceUser%'}
                """;
        RuleResponse r = parse(yaml).orElseThrow();
        assertThat(d.issues()).isEmpty();
        assertThat(r.actions()).extracting(ActionTemplate::type).containsExactly(ActionType.ISOLATE_HOST,
                ActionType.KILL_PROCESS, ActionType.ROTATE_CREDENTIAL, ActionType.DISABLE_ACCOUNT);
        assertThat(r.actions()).extracting(ActionTemplate::requireApproval).containsExactly(false, false, true, true);
        assertThat(r.actions().get(1).location()).isEqualTo(SourceLocation.of("rule.yml", 6, 7));

        Playbook p = r.toPlaybook("rule-1");
        Trigger t = Trigger.builder().rule("rule-1", "LSASS access", "high").host("ws01")
                .fields(Map.of("SourceProcessId", 812L, "SourceUser", "alice")).build();
        assertThat(Playbooks.of(List.of(p)).actionsFor(t)).containsExactly(
                new ResponseAction.IsolateHost("ws01"), new ResponseAction.KillProcess("ws01", 812, true, null),
                new ResponseAction.RotateCredential("alice"), new ResponseAction.DisableAccount("CORP\\alice"));
    }

    @Test
    void aBareListIsShorthandForActions() {
        RuleResponse r = parse("""
                response:
                  - type: isolate_host
                  - {type: terminate_sessions, params: {account: '%User%'}}
                """).orElseThrow();
        assertThat(r.actions()).hasSize(2);
        assertThat(r.dryRun()).isFalse();
    }

    @Test
    void unknownActionsAreLocatedWithASuggestion() {
        assertThat(parse("""
                response:
                  actions:
                    - type: isolate_hots
                """)).isEmpty();
        Issue i = only();
        assertThat(i.code()).isEqualTo(IssueCode.INVALID_ATTRIBUTE);
        assertThat(i.location()).isEqualTo(SourceLocation.of("rule.yml", 3, 13));
        assertThat(i.message()).contains("unknown action 'isolate_hots'; did you mean 'isolate_host'?");
        assertThat(i.context()).isEqualTo("    - type: isolate_hots");
    }

    @Test
    void missingParametersAreLocatedAtTheAction() {
        assertThat(parse("""
                response:
                  actions:
                    - type: kill_process
                      params: {tree: true}
                    - type: rotate_credential
                """)).isEmpty();
        assertThat(d.issues()).extracting(Issue::code).containsOnly(IssueCode.MISSING_ATTRIBUTE);
        assertThat(d.issues()).extracting(Issue::location).containsExactly(SourceLocation.of("rule.yml", 4, 15),
                SourceLocation.of("rule.yml", 5, 7));
        assertThat(d.issues().get(0).message()).isEqualTo(
                "kill_process needs parameter 'pid' (a constant or a %Field% reference)");
        assertThat(d.issues().get(1).message()).contains("rotate_credential needs parameter 'account'");
    }

    @Test
    void unknownParametersKeysAndBadConstantsAreLocated() {
        assertThat(parse("""
                response:
                  aproval: true
                  actions:
                    - type: kill_process
                      params: {pid: twelve, signal: 9}
                      when: always
                """)).isEmpty();
        assertThat(d.issues()).extracting(i -> i.location().line() + ":" + i.location().column() + " " + i.message())
                .containsExactlyInAnyOrder(
                        "2:3 unknown key 'aproval' in response; expected one of [actions, approval, dry_run]",
                        "5:21 parameter 'pid' must be an integer, not 'twelve'",
                        "5:29 kill_process has no parameter 'signal'; its parameters are [host, pid, tree, image]",
                        "6:7 unknown key 'when' in an action; expected one of [approval, params, type]");
    }

    @Test
    void templateSyntaxErrorsPointIntoTheValue() {
        assertThat(parse("""
                response:
                  - type: quarantine_file
                    params: {path: "C:\\\\Temp\\\\%Target File%"}
                """)).isEmpty();
        Issue i = only();
        assertThat(i.message()).contains("invalid character ' ' in field reference '%Target File%'");
        assertThat(i.location()).isEqualTo(SourceLocation.of("rule.yml", 3, 36));
    }

    @Test
    void fieldReferencesOutsideTheKnownFieldsAreWarnings() {
        Optional<RuleResponse> r = parse("""
                response:
                  - type: kill_process
                    params: {pid: '%ProcesId%', image: '%Image%'}
                """, Set.of("Image", "ProcessId", "CommandLine"));
        assertThat(r).isPresent();
        Issue i = only();
        assertThat(i.isError()).isFalse();
        assertThat(i.message()).contains("field 'ProcesId'");
        assertThat(i.location()).isEqualTo(SourceLocation.of("rule.yml", 3, 20));
    }

    @Test
    void plainJavaValuesFromRuleMetaCustomAreAcceptedAndLocatedAtTheRule() {
        SourceLocation at = SourceLocation.of("rule.yml", 1, 1);
        Diagnostics diag = new Diagnostics("rule.yml", "");
        Map<String, Object> custom = Map.of("actions", List.of(Map.of("type", "kill_process", "params",
                Map.of("pid", 42L, "tree", true))));
        RuleResponse r = ResponseParser.parse(custom, at, diag).orElseThrow();
        assertThat(r.actions().get(0).params().get("pid").constantText()).isEqualTo("42");

        Map<String, Object> bad = Map.of("actions", List.of(Map.of("type", "nuke_host")));
        assertThat(ResponseParser.parse(bad, at, diag)).isEmpty();
        assertThat(diag.issues()).singleElement().satisfies(i -> {
            assertThat(i.location()).isEqualTo(at);
            assertThat(i.message()).contains("unknown action 'nuke_host'");
        });
    }

    @Test
    void shapeErrors() {
        assertThat(parse("response: isolate everything\n")).isEmpty();
        assertThat(only().code()).isEqualTo(IssueCode.NOT_A_MAPPING);
        assertThat(parse("response:\n  actions: []\n")).isEmpty();
        assertThat(only().message()).contains("non-empty list");
        assertThat(parse("response:\n  dry_run: maybe\n  actions: [{type: isolate_host}]\n")).isEmpty();
        assertThat(only().message()).contains("dry_run must be true or false");
        assertThat(parse("response:\n  actions: [{type: isolate_host, params: {host: [a, b]}}]\n")).isEmpty();
        assertThat(only().message()).contains("must be a single value");
    }
}
