package dev.edr.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.Event;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule packs written to hurt: regular expressions that blow up or backtrack, huge value lists, and values or field
 * names that look like Java, MVEL, DRL, SpEL or JNDI code, which must only ever be data matched literally.
 */
class HostileRulePackTest {
    private static final String SOURCE = "hostile.yml";

    private static String rule(String detectionItems) {
        return """
                title: Hostile
                id: 6f1d3c1e-0000-4000-8000-000000000001
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    sel:
                """ + detectionItems.indent(8) + """
                    condition: sel
                level: high
                """;
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static LoadResult load(String yaml) {
        return RuleLoader.create().loadText(SOURCE, yaml);
    }

    private static List<Issue> errors(LoadResult result) {
        return result.pack().issues().stream().filter(Issue::isError).toList();
    }

    private static Selection.FieldMatch onlyItem(SigmaRule rule) {
        Selection sel = rule.detection().selections().get("sel");
        assertThat(sel).isInstanceOf(Selection.AllOf.class);
        List<Selection> items = ((Selection.AllOf) sel).items();
        assertThat(items).hasSize(1);
        return (Selection.FieldMatch) items.get(0);
    }

    private static Event process(String field, String value) {
        return Event.builder().product("windows").categories(java.util.Set.of("process_creation"))
                .fields(Map.of(field, value)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"((a{1000}){1000}){1000}", "(((a{100}){100}){100}){100}", "(x{1000}|y{1000}){1000}",
        "[a-z]{1000}[0-9]{1000}(b{1000}){500}"})
    void nestedRepetitionBlowupIsRejectedBeforeCompiling(String pattern) {
        LoadResult result = load(rule("CommandLine|re: " + quoted(pattern)));

        assertThat(result.pack().rules()).isEmpty();
        assertThat(errors(result)).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.INVALID_REGEX);
            assertThat(i.location().line()).isEqualTo(8);
        });
    }

    @Test
    void regexLongerThanTheCapIsRejected() {
        String pattern = "a".repeat(Limits.DEFAULTS.maxRegexChars() + 1);

        LoadResult result = load(rule("CommandLine|re: " + pattern));

        assertThat(result.pack().rules()).isEmpty();
        assertThat(errors(result)).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.INVALID_REGEX);
            assertThat(i.message()).contains(String.valueOf(Limits.DEFAULTS.maxRegexChars()));
        });
    }

    /** RE2J parses groups without recursion; the nesting just under the size cap must load and run. */
    @Test
    void deeplyNestedGroupsCompileAndRunWithoutStackOverflow() {
        String pattern = "(".repeat(2000) + "a" + ")".repeat(2000);

        LoadResult result = load(rule("CommandLine|re: " + pattern));

        assertThat(errors(result)).isEmpty();
        Engine engine = Engine.builder().rules(result.pack()).build();
        assertThat(engine.issues()).isEmpty();
        assertThat(engine.evaluate(process("CommandLine", "xay"))).hasSize(1);
        assertThat(engine.evaluate(process("CommandLine", "xy"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?=a)b", "(?!a)b", "(?<=a)b", "(a)\\1", "(?<n>a)\\k<n>"})
    void backtrackingOnlyConstructsAreRejected(String pattern) {
        LoadResult result = load(rule("CommandLine|re: " + quoted(pattern)));

        assertThat(result.pack().rules()).isEmpty();
        assertThat(errors(result)).extracting(Issue::code).containsExactly(IssueCode.INVALID_REGEX);
    }

    /**
     * Patterns that take exponential time in a backtracking engine. RE2J runs them in linear time; with a backtracking
     * engine this test would not finish (there is deliberately no timed assertion: the build would hang instead).
     */
    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {"(a+)+$ => aaaa", "(a|aa)+$ => aaaa", "(a|a)+$ => aaaa",
        "^(\\w+\\s?)*$ => aaaa", "(.*a){20}$ => aaaaaaaaaaaaaaaaaaaa", "(x+x+)+y => xxy"})
    void catastrophicBacktrackingPatternsStayLinear(String pattern, String matching) {
        LoadResult result = load(rule("CommandLine|re: " + quoted(pattern)));
        assertThat(errors(result)).isEmpty();
        assertThat(onlyItem(result.pack().rules().get(0)).values()).singleElement()
                .isInstanceOf(ValueMatch.RegexMatch.class);
        Engine engine = Engine.builder().rules(result.pack()).build();
        String attack = "a".repeat(50_000) + "!" + "x".repeat(50_000);

        assertThat(engine.evaluate(process("CommandLine", attack))).isEmpty();
        assertThat(engine.evaluate(process("CommandLine", matching))).hasSize(1);
    }

    @Test
    void hundredThousandValuesAreOneLimitIssueByDefault() {
        String values = IntStream.range(0, 100_000).mapToObj(i -> "- v" + i).collect(Collectors.joining("\n"));

        LoadResult result = load(rule("Image:\n" + values.indent(4)));

        assertThat(result.pack().rules()).isEmpty();
        assertThat(errors(result)).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.VALUE_LIMIT);
            assertThat(i.location().line()).isEqualTo(9 + Limits.DEFAULTS.maxValuesPerRule());
        });
    }

    @Test
    void hundredThousandValuesLoadWhenTheLimitAllowsIt() {
        String values = IntStream.range(0, 100_000).mapToObj(i -> "- v" + i).collect(Collectors.joining("\n"));
        Limits roomy = new Limits(Limits.DEFAULTS.maxDocumentBytes(), Limits.DEFAULTS.maxDepth(),
                Limits.DEFAULTS.maxAliases(), 100_000, Limits.DEFAULTS.maxScalarChars(),
                Limits.DEFAULTS.maxRegexChars());

        LoadResult result = RuleLoader.create(roomy).loadText(SOURCE, rule("Image:\n" + values.indent(4)));

        assertThat(errors(result)).isEmpty();
        assertThat(onlyItem(result.pack().rules().get(0)).values()).hasSize(100_000);
        Engine engine = Engine.builder().rules(result.pack()).build();
        assertThat(engine.evaluate(process("Image", "V99999"))).hasSize(1);
        assertThat(engine.evaluate(process("Image", "v100000"))).isEmpty();
    }

    private static final List<String> CODE_LIKE = List.of(
            "\"; System.exit(1); //",
            "${jndi:ldap://x}",
            "${jndi:ldap://127.0.0.1:1389/a}",
            "eval(java.lang.Runtime.getRuntime().exec(\"id\"))",
            "\"); drools.halt(); //",
            "end\nrule \"injected\" when then System.exit(1); end",
            "#{T(java.lang.System).exit(1)}",
            "@{System.exit(1)}",
            "' + System.exit(1) + '",
            "$e : Event() from entry-point \"x\"",
            "java.lang.System.exit(1)",
            "}}; System.exit(1); {{",
            "<script>alert(1)</script>",
            "%{(#a=@java.lang.Runtime@getRuntime().exec('id'))}");

    @Test
    void codeLookingValuesLoadAsExactLiterals() {
        String items = "CommandLine:\n" + CODE_LIKE.stream().map(v -> "- " + yamlDoubleQuoted(v))
                .collect(Collectors.joining("\n")).indent(4);

        LoadResult result = load(rule(items));

        assertThat(errors(result)).isEmpty();
        List<ValueMatch> values = onlyItem(result.pack().rules().get(0)).values();
        assertThat(values).hasSameSizeAs(CODE_LIKE);
        for (int i = 0; i < CODE_LIKE.size(); i++) {
            Glob glob = ((ValueMatch.StringMatch) values.get(i)).glob();
            assertThat(glob.isLiteral()).isTrue();
            assertThat(glob.literalText()).isEqualTo(CODE_LIKE.get(i));
        }
    }

    @Test
    void codeLookingValuesOnlyEverMatchLiterally() {
        String items = "CommandLine|contains:\n" + CODE_LIKE.stream().map(v -> "- " + yamlDoubleQuoted(v))
                .collect(Collectors.joining("\n")).indent(4);
        LoadResult result = load(rule(items));
        assertThat(errors(result)).isEmpty();

        Engine engine = Engine.builder().rules(result.pack()).build();

        assertThat(engine.issues()).isEmpty();
        for (String value : CODE_LIKE) {
            assertThat(engine.evaluate(process("CommandLine", "prefix " + value + " suffix"))).as(value).hasSize(1);
        }
        assertThat(engine.evaluate(process("CommandLine", "System.exit"))).isEmpty();
        assertThat(engine.evaluate(process("CommandLine", "1"))).isEmpty();
    }

    @Test
    void codeLookingFieldNamesStayFieldNames() {
        String field = "a\"); System.exit(1); //${jndi:x}";
        LoadResult result = load(rule(yamlDoubleQuoted(field + "|contains") + ": 'x'"));
        assertThat(errors(result)).isEmpty();
        assertThat(onlyItem(result.pack().rules().get(0)).field()).isEqualTo(field);

        Engine engine = Engine.builder().rules(result.pack()).build();

        assertThat(engine.evaluate(process(field, "..x.."))).hasSize(1);
        assertThat(engine.evaluate(process("a", "..x.."))).isEmpty();
    }

    @Test
    void codeLookingRuleMetadataIsKeptVerbatim() {
        String title = "\"; System.exit(1); // ${jndi:ldap://x} <b>";
        String yaml = rule("Image: x").replace("title: Hostile", "title: " + yamlDoubleQuoted(title));

        LoadResult result = load(yaml);

        assertThat(errors(result)).isEmpty();
        assertThat(result.pack().rules().get(0).meta().title()).isEqualTo(title);
    }

    /** A YAML double-quoted scalar; Sigma's own escapes (backslash before * ? \) are not used by these values. */
    private static String yamlDoubleQuoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
