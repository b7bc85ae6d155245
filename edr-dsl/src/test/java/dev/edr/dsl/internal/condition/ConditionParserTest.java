package dev.edr.dsl.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Condition;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Behaviour the golden files cannot express: the rule-context overload, source layouts, hostile input. */
class ConditionParserTest {
    private static final SourceLocation AT = new SourceLocation("rule.yml", 12, 16);

    @Test
    void legacyAggregationMessageNamesTheRuleAndItsTimeframeWhenKnown() {
        Diagnostics diag = new Diagnostics("rule.yml", "");
        YScalar cond = plain("selection | count(dst_port) by src_ip > 10");

        Condition tree = ConditionParser.parse(cond, List.of("selection"), "5638f7c0-ac70-491d-8465-2a65075e0d86",
                "24h", diag);

        assertThat(tree).isNull();
        assertThat(diag.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.LEGACY_AGGREGATION);
            assertThat(i.location()).isEqualTo(new SourceLocation("rule.yml", 12, 26));
            assertThat(i.message()).endsWith("correlation: {type: value_count, rules: "
                    + "[5638f7c0-ac70-491d-8465-2a65075e0d86], group-by: [src_ip], timespan: 24h, "
                    + "condition: {field: dst_port, gt: 10}}");
        });
    }

    @Test
    void legacyNearMessageUsesTheTimeframeWhenKnown() {
        Diagnostics diag = new Diagnostics("rule.yml", "");

        ConditionParser.parse(plain("a | near b"), List.of("a", "b"), "my_rule", "30s", diag);

        assertThat(diag.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.LEGACY_NEAR);
            assertThat(i.message()).contains("timespan: 30s");
        });
    }

    @Test
    void issuesCarryTheOffendingSourceLine() {
        String yaml = """
                detection:
                    selection:
                        Image: x
                    condition: selection and filtr
                """;
        List<Issue> issues = parseFromYaml(yaml);

        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.location()).isEqualTo(new SourceLocation("rule.yml", 4, 30));
            assertThat(i.context()).isEqualTo("    condition: selection and filtr");
        });
    }

    @Test
    void unusedIdentifierDefinedAboveTheConditionIsLocatedAtItsKey() {
        String yaml = """
                detection:
                    selection:
                        Image: x
                    'quoted_unused':
                        Image: y

                    # a comment between keys
                    condition: selection
                    after_unused: z
                """;
        List<Issue> issues = parseFromYaml(yaml);

        assertThat(issues).extracting(i -> i.code() + "@" + i.location().line() + ":" + i.location().column())
                .containsExactly("UNUSED_IDENTIFIER@4:5", "UNUSED_IDENTIFIER@9:5");
    }

    @Test
    void unusedIdentifierInAFlowMappingFallsBackToTheCondition() {
        String yaml = "detection: {selection: {a: b}, other: {c: d}, condition: selection}\n";
        List<Issue> issues = parseFromYaml(yaml);

        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.UNUSED_IDENTIFIER);
            assertThat(i.location()).isEqualTo(new SourceLocation("rule.yml", 1, 58));
        });
    }

    @Test
    void withoutSourceTextPositionsFollowTheScalarStartOnItsLine() {
        Diagnostics diag = new Diagnostics("rule.yml", null);
        YScalar cond = new YScalar("a and b", "a and b", YScalar.Style.SINGLE_QUOTED, AT);

        ConditionParser.parse(cond, List.of("a"), diag);

        assertThat(diag.issues()).singleElement()
                .extracting(Issue::location).isEqualTo(new SourceLocation("rule.yml", 12, 23));
    }

    @Test
    void positionsStayExactOnLinesLongerThanTheDiagnosticsExcerpt() {
        String longCondition = "a and ".repeat(100) + "nope";
        String yaml = "detection:\n    a: x\n    condition: " + longCondition + "\n";
        List<Issue> issues = parseFromYaml(yaml);

        assertThat(issues).singleElement()
                .extracting(Issue::location).isEqualTo(new SourceLocation("rule.yml", 3, 16 + 600));
    }

    @Test
    void nullConditionIsReportedNotThrown() {
        Diagnostics diag = new Diagnostics("rule.yml", "");

        assertThat(ConditionParser.parse(null, List.of("a"), diag)).isNull();
        assertThat(diag.issues()).extracting(Issue::code).containsExactly(IssueCode.MISSING_ATTRIBUTE);
    }

    @Test
    void nonStringScalarIsReadAsItsText() {
        Diagnostics diag = new Diagnostics("rule.yml", "");
        YScalar cond = new YScalar("true", Boolean.TRUE, YScalar.Style.PLAIN, AT);

        assertThat(ConditionParser.parse(cond, List.of("true"), diag)).isEqualTo(new Condition.Ref("true"));
        assertThat(diag.issues()).isEmpty();
    }

    @Test
    void randomTokenSoupNeverThrowsAndFailsOnlyWithIssues() {
        String[] words = {"a", "b", "_c", "sel*", "and", "or", "not", "1", "all", "of", "them", "(", ")", "|",
            "count()", "by", "near", ">", "5", "&", "\"", "é", "\uD83D\uDE00", "\t", "\n", "((", "))"};
        Random random = new Random(20240611L);
        for (int run = 0; run < 3000; run++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }
            Diagnostics diag = new Diagnostics("rule.yml", "    condition: " + text);
            Condition tree = ConditionParser.parse(plain(text.toString()), List.of("a", "b", "_c", "sel1"), diag);

            assertThat(tree == null).as("'%s' fails exactly when it reports an error: %s", text, diag.issues())
                    .isEqualTo(diag.hasErrors());
            assertThat(diag.issues()).allSatisfy(i -> {
                assertThat(i.location().line()).isPositive();
                assertThat(i.location().column()).isPositive();
            });
        }
    }

    @Test
    void globMatchingHandlesBacktrackingStars() {
        assertThat(Identifiers.globMatches("a*b*c", "axxbyyc")).isTrue();
        assertThat(Identifiers.globMatches("a*b*c", "axxbyy")).isFalse();
        assertThat(Identifiers.globMatches("*_main_*", "filter_main_x")).isTrue();
        assertThat(Identifiers.globMatches("sel", "selection")).isFalse();
        assertThat(Identifiers.globMatches("**", "")).isTrue();
    }

    private static YScalar plain(String text) {
        return new YScalar(text, text, YScalar.Style.PLAIN, AT);
    }

    private static List<Issue> parseFromYaml(String yaml) {
        YMap root = (YMap) ComposedYaml.compose("rule.yml", yaml);
        YMap detection = (YMap) root.get("detection");
        List<String> ids = new ArrayList<>();
        detection.entries().forEach(e -> {
            if (!e.key().text().equals("condition")) {
                ids.add(e.key().text());
            }
        });
        YNode condition = detection.get("condition");
        Diagnostics diag = new Diagnostics("rule.yml", yaml);
        ConditionParser.parse(condition, ids, diag);
        return diag.issues();
    }
}
