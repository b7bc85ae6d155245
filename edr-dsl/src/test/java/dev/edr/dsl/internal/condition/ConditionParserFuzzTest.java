package dev.edr.dsl.internal.condition;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.edr.core.diag.Issue;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Condition;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz tests for {@link ConditionParser}. Oracle: the parser returns a condition exactly when it reported no
 * error, every reference in the tree names a given identifier, every issue is located inside the source, and
 * nothing else (no exception, no {@link Error}) comes out. In {@code mvn verify} these run over the committed
 * seeds only; see edr-dsl/FUZZING.md for real fuzzing.
 */
class ConditionParserFuzzTest {
    private static final String SOURCE = "rule.yml";
    private static final String[] WORDS = {"selection", "filter", "filter_main_*", "sel*", "them", "1 of", "all of",
        "any of", "and", "or", "not", "(", ")", "|", "count()", "by", ">", "near", "*", "_helper", " "};

    /**
     * Seeds are plain text, so SigmaHQ conditions can be used as they are: the first line lists the search
     * identifiers (separated by whitespace), every further line is one condition; two or more lines form a
     * condition list. The text is laid out as a detection section so that positions can be checked.
     */
    @FuzzTest(maxDuration = "5m")
    void conditionText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int firstBreak = text.indexOf('\n');
        String header = firstBreak < 0 ? text : text.substring(0, firstBreak);
        List<String> identifiers = Arrays.stream(header.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        List<String> conditions = firstBreak < 0 ? List.of()
                : List.of(text.substring(firstBreak + 1).split("\n", -1));

        StringBuilder yaml = new StringBuilder("detection:\n");
        for (String identifier : identifiers) {
            yaml.append("    ").append(identifier).append(": x\n");
        }
        int conditionLine = identifiers.size() + 2;
        YNode node;
        if (conditions.size() <= 1) {
            String condition = conditions.isEmpty() ? "" : conditions.get(0);
            yaml.append("    condition: ").append(condition).append('\n');
            node = plain(condition, conditionLine, 16);
        } else {
            yaml.append("    condition:\n");
            List<YNode> items = new ArrayList<>();
            for (int i = 0; i < conditions.size(); i++) {
                yaml.append("        - ").append(conditions.get(i)).append('\n');
                items.add(plain(conditions.get(i), conditionLine + 1 + i, 11));
            }
            node = new YSeq(items, SourceLocation.of(SOURCE, conditionLine + 1, 9));
        }
        check(node, identifiers, yaml.toString());
    }

    /**
     * Structure the text fuzzer cannot reach: every scalar style, lists mixing scalars with other nodes, null
     * scalars, positions that disagree with the source text, identifiers with odd characters.
     */
    @FuzzTest(maxDuration = "5m")
    void conditionStructure(FuzzedDataProvider data) {
        List<String> identifiers = new ArrayList<>();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            identifiers.add(data.consumeBoolean() ? data.pickValue(WORDS) + i : data.consumeString(12));
        }
        String source = data.consumeString(400);
        int items = data.consumeInt(0, 4);
        YNode node;
        if (items == 0) {
            node = scalar(data);
        } else {
            List<YNode> list = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                list.add(data.consumeInt(0, 9) == 0 ? new YSeq(List.of(), location(data)) : scalar(data));
            }
            node = new YSeq(list, location(data));
        }
        check(node, identifiers, source);
    }

    private static YScalar scalar(FuzzedDataProvider data) {
        YScalar.Style style = data.pickValue(YScalar.Style.values());
        SourceLocation at = location(data);
        if (data.consumeInt(0, 15) == 0) {
            return new YScalar("", null, YScalar.Style.PLAIN, at);
        }
        StringBuilder text = new StringBuilder();
        int parts = data.consumeInt(1, 8);
        for (int i = 0; i < parts; i++) {
            text.append(data.consumeBoolean() ? data.pickValue(WORDS) : data.consumeString(10)).append(' ');
        }
        String value = text.toString().strip();
        return new YScalar(value, value, style, at);
    }

    private static SourceLocation location(FuzzedDataProvider data) {
        return SourceLocation.of(SOURCE, data.consumeInt(1, 20), data.consumeInt(1, 40));
    }

    private static YScalar plain(String text, int line, int column) {
        boolean isNull = text.isEmpty() || text.equals("~") || text.equals("null");
        return new YScalar(text, isNull ? null : text, YScalar.Style.PLAIN, SourceLocation.of(SOURCE, line, column));
    }

    private static void check(YNode node, List<String> identifiers, String source) {
        Diagnostics diag = new Diagnostics(SOURCE, source);

        Condition result = ConditionParser.parse(node, identifiers, diag);

        assertThat(result == null).as("null result exactly when errors were reported: %s", diag.issues())
                .isEqualTo(diag.hasErrors());
        if (result != null) {
            assertReferencesKnown(result, identifiers);
        }
        int lastLine = Math.max(maxLine(node), source.split("\r?\n", -1).length);
        for (Issue issue : diag.issues()) {
            SourceLocation at = issue.location();
            assertThat(at.source()).isEqualTo(SOURCE);
            assertThat(at.line()).as("line of %s", issue.headline()).isBetween(1, lastLine);
            assertThat(at.column()).as("column of %s", issue.headline()).isPositive();
            assertThat(issue.message()).isNotBlank();
        }
    }

    private static int maxLine(YNode node) {
        int line = node.location().line();
        if (node instanceof YScalar s) {
            // a multi-line scalar can place issues on its later lines
            return line + (int) s.text().chars().filter(c -> c == '\n').count() + 1;
        }
        if (node instanceof YSeq seq) {
            for (YNode item : seq.items()) {
                line = Math.max(line, maxLine(item));
            }
        }
        return line;
    }

    private static void assertReferencesKnown(Condition condition, List<String> identifiers) {
        if (condition instanceof Condition.Ref ref) {
            assertThat(identifiers).contains(ref.identifier());
        } else if (condition instanceof Condition.Not not) {
            assertReferencesKnown(not.operand(), identifiers);
        } else if (condition instanceof Condition.And and) {
            assertThat(and.operands()).isNotEmpty();
            and.operands().forEach(c -> assertReferencesKnown(c, identifiers));
        } else if (condition instanceof Condition.Or or) {
            assertThat(or.operands()).isNotEmpty();
            or.operands().forEach(c -> assertReferencesKnown(c, identifiers));
        }
    }
}
