package dev.edr.dsl;

import static dev.edr.dsl.LoadAssertions.golden;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.Condition;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.LogSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filter (meta-filter) documents; selections and condition stubbed. */
class FilterDocumentTest {
    private static final String RULE = """
            title: Rar
            id: 6f3e2987-db24-4c78-a860-b4f4095a7095
            logsource: {category: process_creation, product: windows}
            detection: {selection: x, condition: selection}
            ---
            """;
    private static final String FILTER = """
            title: Filter Administrator account
            description: The valid administrator account start with adm_
            logsource:
                category: process_creation
                product: windows
            filter:
                rules:
                    - 6f3e2987-db24-4c78-a860-b4f4095a7095
                selection:
                    User|startswith: 'adm_'
                condition: selection
            """;

    private static LoadResult load(String yaml) {
        return StubSectionParsers.loader().loadText("f.yml", yaml);
    }

    @Test
    void readsAFilter() {
        LoadResult r = load(RULE + FILTER);
        assertThat(r.pack().issues()).isEmpty();
        FilterRule f = r.pack().filters().get(0);
        assertThat(f.meta().title()).isEqualTo("Filter Administrator account");
        assertThat(f.logsource()).isEqualTo(new LogSource("windows", "process_creation", null, null));
        assertThat(f.rules()).containsExactly("6f3e2987-db24-4c78-a860-b4f4095a7095");
        assertThat(f.filter().selections()).containsOnlyKeys("selection"); // 'rules' is no search identifier
        assertThat(f.filter().condition()).isEqualTo(new Condition.Ref("selection"));
        assertThat(f.location()).hasToString("f.yml:6:1");
        assertThat(r.documents()).extracting(DocumentReport::kind).containsExactly("rule", "filter");
    }

    @Test
    void aFilterForRulesNotInThePackLoadsWithAWarning() {
        LoadResult r = load(FILTER);
        assertThat(golden(r.pack().issues())).containsExactly("~UNKNOWN_RULE_REFERENCE@8:11");
        assertThat(r.pack().filters()).hasSize(1);
    }

    @Test
    void rulesLogsourceAndConditionAreRequired() {
        assertThat(golden(load(FILTER.replace("    rules:\n        - 6f3e2987-db24-4c78-a860-b4f4095a7095\n", ""))
                .pack().issues())).containsExactly("MISSING_ATTRIBUTE@6:1");
        assertThat(golden(load(FILTER.replace("        - 6f3e2987-db24-4c78-a860-b4f4095a7095\n", ""))
                .pack().issues())).containsExactly("MISSING_ATTRIBUTE@6:1");
        assertThat(golden(load(RULE + FILTER.replace("    rules:\n        - 6f3e2987-db24-4c78-a860-b4f4095a7095\n",
                "    rules: []\n")).pack().issues())).containsExactly("MISSING_ATTRIBUTE@12:12");
        assertThat(golden(load(FILTER.replace("logsource:\n    category: process_creation\n    product: windows\n", ""))
                .pack().issues())).containsExactly("MISSING_ATTRIBUTE@1:1"); // a failed filter is not checked against the pack
        assertThat(golden(load(RULE + FILTER.replace("    condition: selection\n", "")).pack().issues()))
                .containsExactly("MISSING_ATTRIBUTE@11:1");
        assertThat(golden(load("title: f\nlogsource: {product: windows}\nfilter: [a]\n").pack().issues()))
                .containsExactly("NOT_A_MAPPING@3:9");
    }

    @Test
    void aFilterNamingAFailedRuleOrACorrelationIsWarned() {
        String brokenRule = RULE.replace("condition: selection", "condition: nothing");
        LoadResult r = load(brokenRule + FILTER);
        assertThat(golden(r.pack().issues())).containsExactly("UNDEFINED_IDENTIFIER@4:38", "~UNKNOWN_RULE_REFERENCE@13:11");
        assertThat(r.pack().issues().get(1).message()).contains("did not load", "f.yml:1:1");
        String correlation = """
                title: c
                id: 6f3e2987-db24-4c78-a860-b4f4095a7095
                correlation: {type: temporal, rules: [r], group-by: [x], timespan: 1m}
                ---
                title: r
                name: r
                logsource: {product: windows}
                detection: {selection: x, condition: selection}
                ---
                """;
        LoadResult c = load(correlation + FILTER);
        assertThat(golden(c.pack().issues())).containsExactly("~UNKNOWN_RULE_REFERENCE@17:11");
        assertThat(c.pack().issues().get(0).message()).contains("filters apply to detection rules");
    }

    @Test
    void theFilterSectionsIdentifiersGoToTheParsers() {
        LoadResult r = load(RULE + FILTER.replace("    condition: selection", "    broken: x\n    condition: selection"));
        assertThat(golden(r.pack().issues())).containsExactly("INVALID_DETECTION@16:5");
        assertThat(r.pack().filters()).isEmpty();
        assertThat(List.of(r.documents().get(1).kind(), r.documents().get(1).title()))
                .containsExactly("filter", "Filter Administrator account");
    }
}
