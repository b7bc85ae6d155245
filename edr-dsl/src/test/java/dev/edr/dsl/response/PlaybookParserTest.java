package dev.edr.dsl.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.response.ActionRequest;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.Playbook;
import dev.edr.core.response.Playbooks;
import dev.edr.core.response.ResponsePlan;
import dev.edr.core.response.Trigger;
import dev.edr.core.rule.LogSource;
import dev.edr.dsl.internal.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaybookParserTest {
    private Diagnostics d;

    private Optional<Playbook> parse(String yaml) {
        d = new Diagnostics("pb.yml", yaml);
        return PlaybookParser.parse(ComposedYaml.compose("pb.yml", yaml), d);
    }

    static final String CREDENTIAL_DUMPING = """
            playbook:
              name: credential-dumping-containment
              description: Contain the host and the account seen dumping credentials
              match:
                tags: [attack.credential_access, attack.t1003*]
                level: high
                logsource: {product: windows}
              approval: [rotate_credential]
              actions:
                - type: isolate_host
                  params: {host: '%Computer%'}
                - type: terminate_sessions
                  params: {account: '%SubjectUserName%'}
                - type: rotate_credential
                  params: {account: '%SubjectUserName%'}
            """;

    @Test
    void theDemoPlaybookParsesAndResolves() {
        Playbook p = parse(CREDENTIAL_DUMPING).orElseThrow();
        assertThat(d.issues()).isEmpty();
        assertThat(p.name()).isEqualTo("credential-dumping-containment");
        assertThat(p.selector().minimumLevel()).isEqualTo("high");
        assertThat(p.location()).isEqualTo(SourceLocation.of("pb.yml", 2, 3));

        Trigger t = Trigger.builder().rule("r-lsass", "LSASS Memory Dump", "critical")
                .tags(List.of("attack.credential_access")).logSource(new LogSource("windows", "process_access", null,
                        null)).host("ws01").fields(Map.of("Computer", "WS01.corp", "SubjectUserName", "CORP\\adm"))
                .build();
        ResponsePlan plan = Playbooks.of(List.of(p)).plan(t);
        assertThat(plan.requests()).extracting(r -> r.action().type() + " " + r.action().target()).containsExactly(
                "ISOLATE_HOST host:ws01.corp", "TERMINATE_SESSIONS account:corp\\adm",
                "ROTATE_CREDENTIAL account:corp\\adm");
        assertThat(plan.requests()).extracting(ActionRequest::requireApproval).containsExactly(false, false, true);
        assertThat(plan.requests().get(0).reason()).isEqualTo("playbook credential-dumping-containment");

        Trigger low = Trigger.builder().rule("r", "x", "medium").tags(List.of("attack.credential_access"))
                .logSource(new LogSource("windows", null, null, null)).host("ws01").build();
        assertThat(Playbooks.of(List.of(p)).plan(low).requests()).isEmpty();
    }

    @Test
    void levelListsAreExactAndCorrelationAndRulesSelect() {
        Playbook p = parse("""
                playbook:
                  name: p
                  match: {rules: lsass_access, level: [low, critical], correlation: true}
                  dry_run: true
                  actions: [{type: isolate_host}]
                """).orElseThrow();
        assertThat(p.selector().levels()).containsExactlyInAnyOrder("low", "critical");
        assertThat(p.selector().rules()).containsExactly("lsass_access");
        assertThat(p.selector().correlation()).isTrue();
        assertThat(p.dryRun()).isTrue();
    }

    @Test
    void aPlaybookMustSelectSomethingAndBeNamed() {
        assertThat(parse("""
                playbook:
                  actions: [{type: isolate_host}]
                """)).isEmpty();
        assertThat(d.issues()).extracting(Issue::message).containsExactlyInAnyOrder(
                "a playbook needs a 'name' text",
                "a playbook needs 'match:' (rules, tags, level, logsource or correlation); it would otherwise answer"
                        + " every detection");
        assertThat(parse("""
                playbook:
                  name: p
                  match: {}
                  actions: [{type: isolate_host}]
                """)).isEmpty();
        assertThat(d.issues()).singleElement().extracting(Issue::message).asString().contains("selects nothing");
    }

    @Test
    void errorsInsideAPlaybookAreLocated() {
        assertThat(parse("""
                playbook:
                  name: p
                  match:
                    level: severe
                    logsource: {os: windows}
                  approval: [rotate_credentials]
                  actions:
                    - type: revoke_privilege
                      params: {account: '%User', privilege: Domain Admins}
                """)).isEmpty();
        assertThat(d.issues()).allMatch(Issue::isError).extracting(i -> i.location().line() + ":"
                + i.location().column() + " " + i.code()).containsExactlyInAnyOrder(
                "4:12 INVALID_ATTRIBUTE", "5:17 INVALID_ATTRIBUTE", "6:14 INVALID_ATTRIBUTE", "9:26 INVALID_ATTRIBUTE");
        assertThat(d.issues().get(2).message()).contains("did you mean 'rotate_credential'");
    }

    @Test
    void notAPlaybook() {
        assertThat(PlaybookParser.isPlaybook(ComposedYaml.compose("x", "title: a rule\n"))).isFalse();
        assertThat(parse("title: a rule\n")).isEmpty();
        assertThat(d.issues()).extracting(Issue::code).contains(IssueCode.MISSING_ATTRIBUTE);
        assertThat(ActionType.fromWireName("isolate_host")).isPresent();
    }
}
