package dev.edr.dsl;

import static dev.edr.dsl.LoadAssertions.golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.Condition;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.SigmaRule;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Detection rules: metadata, logsource and detection section shape (selections and condition stubbed). */
class RuleDocumentTest {
    private static final String RULE = """
            title: Whoami Execution
            id: 545a5da6-f103-4919-a519-e9aec1026ee4
            name: whoami_exec
            related:
                - id: 6c82cf5c-090d-4d57-9188-533577631108
                  type: similar
            taxonomy: sigma
            status: test
            description: Detects whoami
            license: DRL-1.1
            references:
                - https://example.org/a
            author: Someone
            date: 2017-05-09
            modified: 2023-04-14
            tags:
                - attack.discovery
                - attack.t1033
            logsource:
                category: process_creation
                product: Windows
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                filter: x
                condition: selection or filter
            fields:
                - CommandLine
            falsepositives:
                - Admin activity
            level: high
            scope:
                - server
            regression_tests_path: tests/x.yml
            simulation:
                - type: atomic-red-team
                  id: 5
                  big: 123456789012345678901234567890
            """;

    private static LoadResult load(String yaml) {
        return StubSectionParsers.loader().loadText("r.yml", yaml);
    }

    private static List<String> issues(String yaml) {
        return golden(load(yaml).pack().issues());
    }

    @Test
    void readsEveryAttributeOfAValidRule() {
        LoadResult r = load(RULE);
        assertThat(r.pack().issues()).isEmpty();
        SigmaRule rule = r.pack().rules().get(0);
        RuleMeta m = rule.meta();
        assertThat(m.title()).isEqualTo("Whoami Execution");
        assertThat(m.id()).isEqualTo("545a5da6-f103-4919-a519-e9aec1026ee4");
        assertThat(m.name()).isEqualTo("whoami_exec");
        assertThat(m.related()).containsExactly(new RuleMeta.Related("similar", "6c82cf5c-090d-4d57-9188-533577631108"));
        assertThat(m.taxonomy()).isEqualTo("sigma");
        assertThat(m.status()).isEqualTo("test");
        assertThat(m.description()).isEqualTo("Detects whoami");
        assertThat(m.license()).isEqualTo("DRL-1.1");
        assertThat(m.references()).containsExactly("https://example.org/a");
        assertThat(m.author()).isEqualTo("Someone");
        assertThat(m.date()).isEqualTo("2017-05-09");
        assertThat(m.modified()).isEqualTo("2023-04-14");
        assertThat(m.tags()).containsExactly("attack.discovery", "attack.t1033");
        assertThat(m.fields()).containsExactly("CommandLine");
        assertThat(m.falsepositives()).containsExactly("Admin activity");
        assertThat(m.level()).isEqualTo("high");
        assertThat(m.scope()).containsExactly("server");
        assertThat(m.custom()).containsOnlyKeys("regression_tests_path", "simulation");
        assertThat(m.custom().get("simulation")).isEqualTo(List.of(Map.of("type", "atomic-red-team", "id", 5L,
                "big", new BigInteger("123456789012345678901234567890"))));
        assertThat(rule.logsource()).isEqualTo(new LogSource("windows", "process_creation", null, null));
        assertThat(rule.detection().selections()).containsOnlyKeys("selection", "filter");
        assertThat(rule.detection().condition()).isEqualTo(new Condition.Or(List.of(new Condition.Ref("selection"),
                new Condition.Ref("filter"))));
        assertThat(rule.detection().conditionText()).isEqualTo("selection or filter");
        assertThat(rule.location()).hasToString("r.yml:1:1");
        assertThat(r.documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("rule");
            assertThat(d.id()).isEqualTo("545a5da6-f103-4919-a519-e9aec1026ee4");
            assertThat(d.title()).isEqualTo("Whoami Execution");
            assertThat(d.hasErrors()).isFalse();
        });
    }

    /** Each row: a line of the valid rule, its replacement, and the issues expected. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "title: Whoami Execution | title: [a, b] | INVALID_ATTRIBUTE@1:8",
        "title: Whoami Execution | title: 42 | ~INVALID_ATTRIBUTE@1:8",
        "title: Whoami Execution | title: | MISSING_ATTRIBUTE@1:7",
        "title: Whoami Execution | title2: x | MISSING_ATTRIBUTE@1:1",
        "id: 545a5da6-f103-4919-a519-e9aec1026ee4 | id: rule-1 | ~INVALID_ATTRIBUTE@2:5",
        "status: test | status: production | INVALID_ATTRIBUTE@8:9",
        "level: high | level: High | INVALID_ATTRIBUTE@31:8",
        "date: 2017-05-09 | date: 2017/05/09 | ~INVALID_ATTRIBUTE@14:7",
        "modified: 2023-04-14 | modified: 2023-02-30 | ~INVALID_ATTRIBUTE@15:11",
        "'    - attack.t1033' | '    - attack.T1033' | ~INVALID_ATTRIBUTE@18:7",
        "'    - attack.t1033' | '    - attack.discovery' | ~INVALID_ATTRIBUTE@18:7",
        "'      type: similar' | '      type: cousin' | INVALID_ATTRIBUTE@6:13",
        "'      type: similar' | '      kind: similar' | MISSING_ATTRIBUTE@5:7",
        "'    - id: 6c82cf5c-090d-4d57-9188-533577631108' | '    - id: other' | ~INVALID_ATTRIBUTE@5:11",
        "'    - Admin activity' | '    - X' | ~INVALID_ATTRIBUTE@30:7",
        "'    - https://example.org/a' | '    - {url: x}' | INVALID_ATTRIBUTE@12:7",
        "'    - server' | '    - [a]' | INVALID_ATTRIBUTE@33:7",
        "author: Someone | 'author: [a, b]' | INVALID_ATTRIBUTE@13:9",
        "'    product: Windows' | '    product: [a]' | INVALID_ATTRIBUTE@21:14",
    })
    void checksEachAttribute(String line, String replacement, String expected) {
        assertThat(RULE).contains(line + "\n");
        LoadResult r = load(RULE.replace(line + "\n", replacement + "\n"));
        assertThat(golden(r.pack().issues())).containsExactly(expected.split(" "));
        assertThat(r.pack().rules()).hasSize(expected.startsWith("~") ? 1 : 0);
    }

    @Test
    void issuesCarryTheOffendingLine() {
        LoadResult r = load(RULE.replace("level: high", "level: urgent"));
        assertThat(r.pack().issues()).singleElement().satisfies(i -> {
            assertThat(i.context()).isEqualTo("level: urgent");
            assertThat(i.message()).contains("informational, low, medium, high, critical", "'urgent'");
        });
    }

    @Test
    void singleStringWhereAListBelongsIsAWarning() {
        assertThat(issues(RULE.replace("falsepositives:\n    - Admin activity", "falsepositives: Admin activity")))
                .containsExactly("~INVALID_ATTRIBUTE@29:17");
        assertThat(issues(RULE.replace("tags:\n    - attack.discovery\n    - attack.t1033", "tags: attack.discovery")))
                .containsExactly("~INVALID_ATTRIBUTE@16:7");
    }

    @Test
    void overlongTitleAndDescriptionAreWarnings() {
        assertThat(issues(RULE.replace("title: Whoami Execution", "title: " + "t".repeat(257))))
                .containsExactly("~INVALID_ATTRIBUTE@1:8");
        assertThat(issues(RULE.replace("description: Detects whoami", "description: " + "d".repeat(65_536))))
                .containsExactly("~INVALID_ATTRIBUTE@9:14");
    }

    @Test
    void relatedMustBeAListOfMaps() {
        String rule = RULE.replace("""
                related:
                    - id: 6c82cf5c-090d-4d57-9188-533577631108
                      type: similar
                """, "related: 6c82cf5c-090d-4d57-9188-533577631108\n");
        assertThat(issues(rule)).containsExactly("INVALID_ATTRIBUTE@4:10");
    }

    @Test
    void logsourceIsRequiredAndMustBeAMap() {
        String without = RULE.replace("logsource:\n    category: process_creation\n    product: Windows\n", "");
        assertThat(issues(without)).containsExactly("MISSING_ATTRIBUTE@1:1");
        String scalar = RULE.replace("logsource:\n    category: process_creation\n    product: Windows\n",
                "logsource: windows\n");
        assertThat(issues(scalar)).containsExactly("NOT_A_MAPPING@19:12");
        String empty = RULE.replace("logsource:\n    category: process_creation\n    product: Windows\n",
                "logsource:\n    definition: anything\n");
        assertThat(issues(empty)).containsExactly("~INVALID_ATTRIBUTE@19:1");
    }

    @Test
    void detectionNeedsAMapWithIdentifiersAndACondition() {
        String detection = "detection:\n    selection:\n        Image|endswith: '\\whoami.exe'\n    filter: x\n"
                + "    condition: selection or filter\n";
        assertThat(RULE).contains(detection);
        assertThat(issues(RULE.replace(detection, "detection: selection\n"))).containsExactly("NOT_A_MAPPING@22:12");
        assertThat(issues(RULE.replace(detection, "detection:\n    selection: x\n")))
                .containsExactly("MISSING_ATTRIBUTE@22:1");
        assertThat(issues(RULE.replace(detection, "detection:\n    condition: selection\n")))
                .containsExactly("INVALID_DETECTION@22:1", "UNDEFINED_IDENTIFIER@23:16");
        assertThat(issues(RULE.replace(detection, "detection:\n    broken: x\n    condition: broken\n")))
                .containsExactly("INVALID_DETECTION@23:5");
    }

    @Test
    void timeframeAloneIsALegacyAggregationError() {
        String rule = RULE.replace("    condition: selection or filter\n",
                "    timeframe: 5m\n    condition: selection or filter\n");
        LoadResult r = load(rule);
        assertThat(golden(r.pack().issues())).containsExactly("LEGACY_AGGREGATION@26:5");
        assertThat(r.pack().issues().get(0).message()).contains("correlation rule", "timespan");
        assertThat(r.pack().rules()).isEmpty();
    }

    @Test
    void timeframeWithAnAggregationIsReportedOnceByTheConditionParser() {
        String rule = RULE.replace("    condition: selection or filter\n",
                "    timeframe: 5m\n    condition: selection | count() > 5\n");
        assertThat(issues(rule)).containsExactly("LEGACY_AGGREGATION@27:16");
    }

    @Test
    void documentsOfNoKnownKindAreErrors() {
        assertThat(issues("title: x\nlogsource: {product: windows}\n")).containsExactly("UNKNOWN_DOCUMENT_TYPE@1:1");
        LoadResult legacy = load("action: global\ntitle: x\n");
        assertThat(legacy.pack().issues().get(0).message()).contains("action: global");
        assertThat(issues("title: x\ndetection: {a: 1, condition: a}\ncorrelation: {type: temporal}\n"))
                .containsExactly("UNKNOWN_DOCUMENT_TYPE@1:1");
        assertThat(load("- a\n- b\n").documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("unknown");
            assertThat(golden(d.issues())).containsExactly("NOT_A_MAPPING@1:1");
        });
    }

    @Test
    void aDocumentWithAnyErrorIsReportedButNotLoaded() {
        LoadResult r = load(RULE.replace("status: test", "status: test\nstatus: stable"));
        assertThat(r.pack().rules()).isEmpty();
        assertThat(r.documents()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("rule");
            assertThat(d.title()).isEqualTo("Whoami Execution");
            assertThat(golden(d.issues())).containsExactly("YAML_DUPLICATE_KEY@9:1");
        });
    }

    @Test
    void forbiddenTagFailsTheDocument() {
        LoadResult r = load(RULE.replace("author: Someone", "author: !!python/object:os.system x"));
        assertThat(golden(r.pack().issues())).containsExactly("YAML_FORBIDDEN_TAG@13:9");
        assertThat(r.pack().rules()).isEmpty();
    }

    @Test
    void issuesOfADocumentAreInSourceOrder() {
        String rule = RULE.replace("level: high", "level: bad").replace("status: test", "status: bad")
                .replace("date: 2017-05-09", "date: yesterday");
        assertThat(issues(rule)).containsExactly("INVALID_ATTRIBUTE@8:9", "~INVALID_ATTRIBUTE@14:7",
                "INVALID_ATTRIBUTE@31:8");
    }
}
