package dev.edr.dsl;

import static dev.edr.dsl.LoadAssertions.golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.response.ActionType;
import dev.edr.core.response.Playbook;
import dev.edr.core.response.Playbooks;
import dev.edr.core.response.ResponseAction;
import dev.edr.core.response.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule {@code response:} blocks and playbook documents, as the loader reads them with the rest of a pack. */
class ResponseLoadingTest {
    private static final String RULE = """
            title: LSASS Access
            id: 5ef9853e-4d0e-4a70-846f-a9ca37d876da
            logsource:
                product: windows
                category: process_access
            detection:
                selection:
                    TargetImage|endswith: '\\\\lsass.exe'
                    SourceImage|endswith: '.exe'
                condition: selection
            fields:
                - SourceProcessId
            level: high
            response:
                approval: [rotate_credential]
                actions:
                    - type: isolate_host
                    - type: kill_process
                      params: {pid: '%SourceProcessId%', image: '%SourceImage%'}
            """;

    private static final String PLAYBOOK = """
            playbook:
                name: credential-dumping-containment
                match:
                    tags: [attack.credential-access]
                    level: high
                actions:
                    - type: terminate_sessions
                      params: {account: '%SubjectUserName%'}
            """;

    private static LoadResult load(String yaml) {
        return RuleLoader.create().loadText("pack.yml", yaml);
    }

    @Test
    void aRulesResponseBlockLoadsWithTheRuleAsItsPlaybook() {
        LoadResult r = load(RULE);
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.pack().rules()).hasSize(1);
        assertThat(r.playbooks()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("rule 5ef9853e-4d0e-4a70-846f-a9ca37d876da");
            assertThat(p.actions()).extracting(a -> a.type()).containsExactly(ActionType.ISOLATE_HOST,
                    ActionType.KILL_PROCESS);
            assertThat(p.location().line()).isEqualTo(15);
        });
        Trigger t = Trigger.builder().rule("5ef9853e-4d0e-4a70-846f-a9ca37d876da", "LSASS Access", "high")
                .host("ws01").fields(Map.of("SourceProcessId", 812L, "SourceImage", "C:\\x.exe")).build();
        assertThat(Playbooks.of(r.playbooks()).actionsFor(t)).containsExactly(new ResponseAction.IsolateHost("ws01"),
                new ResponseAction.KillProcess("ws01", 812, false, "C:\\x.exe"));
        // the block stays a custom attribute of the rule, so the file is still plain Sigma to other tools
        assertThat(r.pack().rules().get(0).meta().custom()).containsKey("response");
    }

    @Test
    void aRuleWithoutIdIsAnsweredByItsName() {
        LoadResult r = load(RULE.replace("id: 5ef9853e-4d0e-4a70-846f-a9ca37d876da", "name: lsass_access"));
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.playbooks()).singleElement().satisfies(p -> assertThat(p.selector().rules())
                .containsExactly("lsass_access"));
    }

    @Test
    void aRuleWithNeitherIdNorNameCannotHaveAResponse() {
        LoadResult r = load(RULE.replace("id: 5ef9853e-4d0e-4a70-846f-a9ca37d876da\n", ""));
        assertThat(golden(r.pack().issues())).containsExactly("MISSING_ATTRIBUTE@13:1");
        assertThat(r.pack().issues().get(0).message()).contains("needs an 'id' or a 'name'");
        assertThat(r.pack().rules()).isEmpty();
    }

    @Test
    void anUnknownActionIsLocatedAndTheRuleDoesNotLoad() {
        LoadResult r = load(RULE.replace("- type: isolate_host", "- type: isolate_hots"));
        assertThat(golden(r.pack().issues())).containsExactly("INVALID_ATTRIBUTE@17:17");
        assertThat(r.pack().issues().get(0).message()).contains("did you mean 'isolate_host'?");
        assertThat(r.pack().issues().get(0).context()).isEqualTo("        - type: isolate_hots");
        assertThat(r.pack().rules()).isEmpty();
        assertThat(r.playbooks()).isEmpty();
        assertThat(r.documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("rule");
            assertThat(d.hasErrors()).isTrue();
        });
    }

    @Test
    void aMissingParameterIsLocatedAtTheParameters() {
        LoadResult r = load(RULE.replace("{pid: '%SourceProcessId%', image: '%SourceImage%'}", "{tree: true}"));
        assertThat(golden(r.pack().issues())).containsExactly("MISSING_ATTRIBUTE@19:19");
        assertThat(r.pack().issues().get(0).message()).isEqualTo(
                "kill_process needs parameter 'pid' (a constant or a %Field% reference)");
        assertThat(r.pack().rules()).isEmpty();
    }

    @Test
    void aBadFieldReferenceIsLocatedAtTheOffendingCharacter() {
        LoadResult r = load(RULE.replace("'%SourceImage%'", "'%Source Image%'"));
        assertThat(golden(r.pack().issues())).containsExactly("INVALID_ATTRIBUTE@19:61");
        assertThat(r.pack().issues().get(0).message()).contains("invalid character ' '");
        assertThat(r.pack().rules()).isEmpty();
    }

    @Test
    void aReferenceToAFieldTheRuleDoesNotNameIsAWarningOnly() {
        LoadResult r = load(RULE.replace("'%SourceImage%'", "'%SourceImg%'"));
        assertThat(golden(r.pack().issues())).containsExactly("~INVALID_ATTRIBUTE@19:54");
        assertThat(r.pack().issues().get(0).message()).contains("field 'SourceImg'");
        assertThat(r.pack().rules()).hasSize(1);
        assertThat(r.playbooks()).hasSize(1);
    }

    @Test
    void detectionFieldsAndTheFieldsListAreKnown() {
        // SourceProcessId is only listed under fields:, SourceImage only used by the detection: neither warns
        assertThat(load(RULE).pack().issues()).isEmpty();
        LoadResult noFieldsList = load(RULE.replace("fields:\n    - SourceProcessId\n", ""));
        assertThat(golden(noFieldsList.pack().issues())).containsExactly("~INVALID_ATTRIBUTE@17:26");
    }

    @Test
    void aPlaybookDocumentIsAFourthKind() {
        LoadResult r = load(RULE + "---\n" + PLAYBOOK);
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.documents()).extracting(DocumentReport::kind).containsExactly("rule", "playbook");
        assertThat(r.documents().get(1).title()).isEqualTo("credential-dumping-containment");
        assertThat(r.documents().get(1).location().line()).isEqualTo(21);
        assertThat(r.playbooks()).extracting(Playbook::name).containsExactly(
                "rule 5ef9853e-4d0e-4a70-846f-a9ca37d876da", "credential-dumping-containment");
        assertThat(r.pack().documents()).hasSize(1); // playbooks are not Sigma documents: the engine never sees them
    }

    @Test
    void aBrokenPlaybookIsReportedInPlaceAndNotLoaded() {
        LoadResult r = load(RULE + "---\n" + PLAYBOOK.replace("level: high", "level: urgent")
                .replace("type: terminate_sessions", "type: terminate_session"));
        assertThat(golden(r.pack().issues())).containsExactly("INVALID_ATTRIBUTE@25:16", "INVALID_ATTRIBUTE@27:17");
        assertThat(r.documents().get(1).kind()).isEqualTo("playbook");
        assertThat(r.documents().get(1).hasErrors()).isTrue();
        assertThat(r.playbooks()).extracting(Playbook::name).containsExactly(
                "rule 5ef9853e-4d0e-4a70-846f-a9ca37d876da");
        assertThat(r.pack().rules()).hasSize(1);
    }

    @Test
    void aDocumentCannotBeBothARuleAndAPlaybook() {
        LoadResult r = load(RULE + PLAYBOOK);
        assertThat(golden(r.pack().issues())).containsExactly("UNKNOWN_DOCUMENT_TYPE@1:1");
        assertThat(r.pack().issues().get(0).message()).contains("detection and playbook");
        assertThat(r.playbooks()).isEmpty();
    }

    @Test
    void playbooksComeInLoadOrderAcrossFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a_rule.yml"), RULE);
        Files.writeString(dir.resolve("b_playbook.yml"), PLAYBOOK);
        Files.writeString(dir.resolve("c_second.yaml"), PLAYBOOK.replace("credential-dumping-containment",
                "second"));
        LoadResult r = RuleLoader.create().load(List.of(dir));
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.playbooks()).extracting(Playbook::name).containsExactly(
                "rule 5ef9853e-4d0e-4a70-846f-a9ca37d876da", "credential-dumping-containment", "second");
        assertThat(r.playbooks().get(1).location().source()).endsWith("b_playbook.yml");
    }

    @Test
    void aCorrelationMayCarryAResponse() {
        String yaml = """
                title: Many failed logons
                id: 0e95725d-7320-415d-80f7-004da920fc11
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [TargetUserName]
                    timespan: 5m
                    condition: {gte: 10}
                level: high
                response:
                    - type: disable_account
                      params: {account: '%TargetUserName%'}
                ---
                title: Failed logon
                name: failed_logon
                logsource: {product: windows, service: security}
                detection:
                    selection: {EventID: 4625}
                    condition: selection
                """;
        LoadResult r = load(yaml);
        assertThat(r.pack().issues()).isEmpty();
        assertThat(r.playbooks()).singleElement().satisfies(p -> assertThat(p.selector().rules())
                .containsExactly("0e95725d-7320-415d-80f7-004da920fc11"));
    }
}
