package dev.edr.dsl.internal.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.edr.core.diag.Issue;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import dev.edr.dsl.internal.yaml.YamlDocument;
import dev.edr.dsl.internal.yaml.YamlReader;
import dev.edr.dsl.internal.yaml.YamlStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz tests for {@link DetectionParser}. Oracle: no exception or {@link Error}; every issue is located inside the
 * input; the result holds only identifiers of the input, and all of them when no error was reported; what it holds
 * is well formed (regexes compile with RE2J, globs have no empty text). See edr-dsl/FUZZING.md.
 */
class DetectionParserFuzzTest {
    private static final String SOURCE = "rule.yml";
    private static final String[] FIELDS = {"Image", "CommandLine", "", "a.b", "Field|", "|", "Image|contains",
        "CommandLine|re", "x|re|i|m|s", "DestinationIp|cidr", "EventID|gt", "f|windash|contains|all",
        "f|base64offset|contains", "f|utf16le|base64", "f|wide|base64offset|contains", "f|fieldref", "f|exists",
        "f|expand", "f|cased", "f|neq", "f|minute", "f|year|gte", "f|startswith|endswith", "f|all"};
    private static final String[] MODIFIERS = {"contains", "startswith", "endswith", "all", "neq", "exists", "cased",
        "windash", "re", "i", "m", "s", "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide", "lt", "lte",
        "gt", "gte", "minute", "hour", "day", "week", "month", "year", "cidr", "expand", "fieldref", "unknown"};
    private static final String[] VALUES = {"*", "?", "\\", "\\*", "\\\\*", "a*b?c", "-", "/", "%var%", "(", ")",
        "[", "a{1000}", "(a{1000}){1000}", "(?i)x", "(?<=a)b", "10.0.0.0/8", "::1/128", "300.1.1.1/33", "null",
        "true", "2024-01-01", "0x10", "1e400", "-0", " ", "\u0000", "\u202e", "\ud83d\ude00"};

    /**
     * Seeds are detection sections of SigmaHQ rules, as YAML text, read by the production YAML reader; documents it
     * rejected say nothing about the detection parser.
     */
    @FuzzTest(maxDuration = "5m")
    void detectionYaml(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        YamlStream stream = new YamlReader(Limits.DEFAULTS).read(text, new Diagnostics(SOURCE, text));
        for (YamlDocument document : stream.documents()) {
            if (!document.hasErrors() && document.root() instanceof YMap detection) {
                check(detection, Limits.DEFAULTS, text);
            }
        }
    }

    /** Node trees the YAML text fuzzer rarely reaches: modifier chains, typed scalars, odd limits. */
    @FuzzTest(maxDuration = "5m")
    void detectionTree(FuzzedDataProvider data) {
        Limits limits = data.consumeBoolean() ? Limits.DEFAULTS
                : new Limits(1024, 8, 0, data.consumeInt(1, 50), data.consumeInt(1, 200), data.consumeInt(1, 64));
        Tree tree = new Tree(data);
        YMap detection = tree.map(0, true);
        check(detection, limits, tree.source());
    }

    /** Builds a node tree and a matching pseudo-YAML text, one node per line, so locations can be checked. */
    private static final class Tree {
        private final FuzzedDataProvider data;
        private final StringBuilder source = new StringBuilder();
        private int line;

        Tree(FuzzedDataProvider data) {
            this.data = data;
        }

        String source() {
            return source.toString();
        }

        private SourceLocation next(int depth, String text) {
            line++;
            source.append("  ".repeat(depth)).append(text.replace('\n', ' ').replace('\r', ' ')).append('\n');
            return SourceLocation.of(SOURCE, line, 2 * depth + 1);
        }

        YMap map(int depth, boolean top) {
            SourceLocation at = next(depth, top ? "detection:" : "-");
            List<YMap.Entry> entries = new ArrayList<>();
            int count = data.consumeInt(top ? 1 : 0, 4);
            for (int i = 0; i < count; i++) {
                String key = top ? (data.consumeBoolean() ? "sel" + i : data.consumeString(8)) : key();
                YScalar keyNode = new YScalar(key, key, YScalar.Style.PLAIN, next(depth + 1, key + ":"));
                entries.add(new YMap.Entry(keyNode, node(depth + 2, top)));
            }
            return new YMap(entries, at);
        }

        private String key() {
            StringBuilder key = new StringBuilder(data.consumeBoolean() ? data.pickValue(FIELDS) : data.consumeString(8));
            int modifiers = data.consumeInt(0, 3);
            for (int i = 0; i < modifiers; i++) {
                key.append('|').append(data.pickValue(MODIFIERS));
            }
            return key.toString();
        }

        YNode node(int depth, boolean identifierBody) {
            int kind = depth > 6 ? 0 : data.consumeInt(0, identifierBody ? 5 : 3);
            if (kind <= 1) {
                return scalar(depth);
            }
            if (kind == 2 || kind == 4) {
                SourceLocation at = next(depth, "-");
                List<YNode> items = new ArrayList<>();
                int count = data.consumeInt(0, 5);
                for (int i = 0; i < count; i++) {
                    items.add(identifierBody && data.consumeBoolean() ? map(depth + 1, false) : node(depth + 1, false));
                }
                return new YSeq(items, at);
            }
            return map(depth, false);
        }

        private YScalar scalar(int depth) {
            YScalar.Style style = data.pickValue(YScalar.Style.values());
            return switch (data.consumeInt(0, 6)) {
                case 0 -> typed(depth, null);
                case 1 -> typed(depth, data.consumeLong());
                case 2 -> typed(depth, BigInteger.valueOf(data.consumeLong()).shiftLeft(data.consumeInt(0, 80)));
                case 3 -> typed(depth, data.consumeDouble());
                case 4 -> typed(depth, data.consumeBoolean());
                case 5 -> text(depth, data.pickValue(VALUES) + data.consumeString(6), style);
                default -> text(depth, data.consumeString(40), style);
            };
        }

        private YScalar typed(int depth, Object value) {
            String text = value == null ? "null" : value.toString();
            return new YScalar(text, value, YScalar.Style.PLAIN, next(depth, text));
        }

        private YScalar text(int depth, String text, YScalar.Style style) {
            return new YScalar(text, text, style, next(depth, text));
        }
    }

    private static void check(YMap detection, Limits limits, String text) {
        Diagnostics diag = new Diagnostics(SOURCE, text);

        Map<String, Selection> result = DetectionParser.parseSelections(detection, limits, diag);

        Set<String> names = new LinkedHashSet<>();
        detection.entries().forEach(e -> names.add(e.key().text()));
        names.remove("condition");
        names.remove("timeframe");
        assertThat(names).containsAll(result.keySet());
        if (!diag.hasErrors()) {
            assertThat(result.keySet()).containsExactlyElementsOf(names);
        }
        int lines = text.split("\r?\n|\r", -1).length;
        for (Issue issue : diag.issues()) {
            SourceLocation at = issue.location();
            assertThat(at.source()).isEqualTo(SOURCE);
            assertThat(at.line()).as("line of %s", issue.headline()).isBetween(1, lines);
            assertThat(at.column()).as("column of %s", issue.headline()).isPositive();
            assertThat(issue.message()).isNotBlank();
        }
        result.values().forEach(DetectionParserFuzzTest::checkSelection);
    }

    private static void checkSelection(Selection selection) {
        if (selection instanceof Selection.AllOf all) {
            all.items().forEach(DetectionParserFuzzTest::checkSelection);
        } else if (selection instanceof Selection.AnyOf any) {
            any.items().forEach(DetectionParserFuzzTest::checkSelection);
        } else {
            Selection.FieldMatch match = (Selection.FieldMatch) selection;
            match.values().forEach(DetectionParserFuzzTest::checkValue);
        }
    }

    private static void checkValue(ValueMatch value) {
        if (value instanceof ValueMatch.RegexMatch re) {
            int flags = (re.ignoreCase() ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0)
                    | (re.multiline() ? com.google.re2j.Pattern.MULTILINE : 0)
                    | (re.dotAll() ? com.google.re2j.Pattern.DOTALL : 0);
            com.google.re2j.Pattern.compile(re.pattern(), flags);
        } else if (value instanceof ValueMatch.StringMatch s) {
            for (Glob.Segment segment : s.glob().segments()) {
                if (segment instanceof Glob.Text t) {
                    assertThat(t.text()).isNotEmpty();
                }
            }
        } else if (value instanceof ValueMatch.AnyOf any) {
            any.alternatives().forEach(DetectionParserFuzzTest::checkValue);
        } else if (value instanceof ValueMatch.TimePart part) {
            checkValue(part.inner());
        }
    }
}
