package dev.edr.dsl.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.Severity;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private Diagnostics diag;

    private YamlStream read(String yaml) {
        return read(yaml, Limits.DEFAULTS);
    }

    private YamlStream read(String yaml, Limits limits) {
        diag = new Diagnostics("t.yml", yaml);
        return new YamlReader(limits).read(yaml, diag);
    }

    private YMap single(String yaml) {
        YamlStream s = read(yaml);
        assertThat(diag.issues()).isEmpty();
        assertThat(s.documents()).hasSize(1);
        return (YMap) s.documents().get(0).root();
    }

    private static YScalar scalar(YNode n) {
        return (YScalar) n;
    }

    @Test
    void positionsAreOneBasedAndExact() {
        YMap m = single("""
                title: Test
                logsource:
                    product: windows
                list:
                  - 'quoted'
                  - "double"
                flow: {a: 1, b: [x, y]}
                """);
        assertThat(m.location()).hasToString("t.yml:1:1");
        assertThat(m.keyNode("title").location()).hasToString("t.yml:1:1");
        assertThat(m.get("title").location()).hasToString("t.yml:1:8");
        YMap ls = (YMap) m.get("logsource");
        assertThat(ls.location()).hasToString("t.yml:3:5");
        assertThat(ls.get("product").location()).hasToString("t.yml:3:14");
        YSeq list = (YSeq) m.get("list");
        assertThat(list.location()).hasToString("t.yml:5:3");
        YScalar quoted = scalar(list.items().get(0));
        assertThat(quoted.location()).hasToString("t.yml:5:5");
        assertThat(quoted.style()).isEqualTo(YScalar.Style.SINGLE_QUOTED);
        assertThat(quoted.contentColumnOffset()).isEqualTo(1);
        assertThat(scalar(list.items().get(1)).style()).isEqualTo(YScalar.Style.DOUBLE_QUOTED);
        YMap flow = (YMap) m.get("flow");
        assertThat(flow.location()).hasToString("t.yml:7:7");
        assertThat(((YSeq) flow.get("b")).items().get(1).location()).hasToString("t.yml:7:21");
    }

    @Test
    void plainScalarsResolveByTheCoreSchema() {
        YMap m = single("""
                int: 4688
                neg: -12
                hex: 0x1F
                oct: 0o17
                big: 123456789012345678901234567890
                float: 1.5
                exp: 1e3
                inf: -.inf
                t: true
                f: FALSE
                n1: null
                n2: ~
                n3:
                yes: yes
                date: 2024-01-31
                quotedint: '4688'
                literal: |
                    text
                folded: >
                    text
                leadingzero: 0755
                """);
        assertThat(scalar(m.get("int")).value()).isEqualTo(4688L);
        assertThat(scalar(m.get("neg")).value()).isEqualTo(-12L);
        assertThat(scalar(m.get("hex")).value()).isEqualTo(31L);
        assertThat(scalar(m.get("oct")).value()).isEqualTo(15L);
        assertThat(scalar(m.get("big")).value()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(scalar(m.get("float")).value()).isEqualTo(1.5d);
        assertThat(scalar(m.get("exp")).value()).isEqualTo(1000d);
        assertThat(scalar(m.get("inf")).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(scalar(m.get("t")).value()).isEqualTo(true);
        assertThat(scalar(m.get("f")).value()).isEqualTo(false);
        assertThat(scalar(m.get("n1")).isNull()).isTrue();
        assertThat(scalar(m.get("n2")).isNull()).isTrue();
        assertThat(scalar(m.get("n3")).isNull()).isTrue();
        assertThat(scalar(m.get("yes")).value()).isEqualTo("yes");
        assertThat(scalar(m.get("date")).value()).isEqualTo("2024-01-31");
        assertThat(scalar(m.get("quotedint")).value()).isEqualTo("4688");
        assertThat(scalar(m.get("literal")).value()).isEqualTo("text\n");
        assertThat(scalar(m.get("literal")).style()).isEqualTo(YScalar.Style.LITERAL);
        assertThat(scalar(m.get("folded")).style()).isEqualTo(YScalar.Style.FOLDED);
        assertThat(scalar(m.get("leadingzero")).value()).isEqualTo(755L);
        assertThat(scalar(m.get("leadingzero")).text()).isEqualTo("0755");
    }

    @Test
    void readsEveryDocumentOfAMultiDocumentFileAndDropsEmptyOnes() {
        YamlStream s = read("""
                title: one
                ---
                ---
                title: two
                ---
                # only a comment
                """);
        assertThat(diag.issues()).isEmpty();
        assertThat(s.documents()).extracting(d -> ((YMap) d.root()).get("title").location().line())
                .containsExactly(1, 4);
        assertThat(s.documents()).allMatch(YamlDocument::complete);
    }

    @Test
    void duplicateKeyIsAnErrorNamingBothLines() {
        YamlStream s = read("""
                title: a
                detection:
                    sel: 1
                title: b
                """);
        assertThat(diag.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.YAML_DUPLICATE_KEY);
            assertThat(i.location()).hasToString("t.yml:4:1");
            assertThat(i.message()).contains("'title'", "line 4", "line 1");
            assertThat(i.context()).isEqualTo("title: b");
        });
        YamlDocument doc = s.documents().get(0);
        assertThat(doc.hasErrors()).isTrue();
        assertThat(doc.issues()).hasSize(1);
        assertThat(scalar(((YMap) doc.root()).get("title")).text()).isEqualTo("a");
    }

    @Test
    void nestedDuplicateKeyIsLocated() {
        read("""
                detection:
                    sel:
                        Image: a
                        Image: b
                """);
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_DUPLICATE_KEY, 4, 9));
    }

    @Test
    void everyExplicitTagIsForbidden() {
        read("""
                a: !!python/object/apply:os.system ["rm -rf /"]
                b: !!java.net.URL ["http://x"]
                c: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                d: !foo bar
                e: !!str 12
                f: ! plain
                g: !!map {x: 1}
                """);
        List<Issue> issues = diag.issues();
        assertThat(issues).allMatch(i -> i.code() == IssueCode.YAML_FORBIDDEN_TAG && i.isError());
        assertThat(issues).extracting(i -> i.location().line(), i -> i.location().column()).containsExactly(
                tuple(1, 4), tuple(2, 4), tuple(3, 4), tuple(3, 40), tuple(3, 68), tuple(4, 4), tuple(5, 4),
                tuple(6, 4), tuple(7, 4));
        assertThat(issues.get(0).message()).contains("!!python/object/apply:os.system");
        assertThat(issues.get(5).message()).contains("!foo");
    }

    @Test
    void taggedScalarIsNeverResolved() {
        YamlStream s = read("e: !!int 12\n");
        assertThat(scalar(((YMap) s.documents().get(0).root()).get("e")).value()).isEqualTo("12");
    }

    @Test
    void anchorsAndAliasesAreAllowedAndShareTheNode() {
        YMap m = single("""
                base: &b
                    - one
                    - two
                copy: *b
                s: &x 'v'
                """);
        assertThat(m.get("copy")).isSameAs(m.get("base"));
        assertThat(m.get("s").location()).hasToString("t.yml:5:7"); // past the anchor, at the quote
    }

    @Test
    void aliasCountIsLimited() {
        StringBuilder y = new StringBuilder("a: &a x\nl:\n");
        for (int i = 0; i < 51; i++) y.append("  - *a\n");
        read(y.toString());
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_LIMIT, 53, 5));
    }

    @Test
    void aliasBombIsStoppedByTheExpansionCap() {
        // 2^25 nodes from 48 aliases: under the alias count limit, far over the expansion cap.
        StringBuilder y = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            y.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        YamlStream s = read(y.toString());
        assertThat(diag.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.YAML_LIMIT);
            assertThat(i.message()).contains("alias bomb");
            assertThat(i.location().line()).isEqualTo(20); // where the expanded size passes 2^21
        });
        assertThat(s.documents()).singleElement().satisfies(d -> assertThat(d.complete()).isFalse());
    }

    @Test
    void undefinedAndRecursiveAliasesAreErrors() {
        read("a: *nowhere\n");
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_SYNTAX, 1, 4));
        read("a: &r [1, *r]\n");
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_SYNTAX, 11));
    }

    @Test
    void twentyThousandDeepFlowNestingIsRefusedWithoutStackOverflow() {
        String deep = "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        YamlStream s = read(deep);
        assertThat(diag.issues()).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.YAML_LIMIT);
            assertThat(i.location().line()).isEqualTo(1);
            assertThat(i.location().column()).isEqualTo(4 + 63); // the 64th '[' is the 65th level
        });
        assertThat(s.documents()).singleElement().satisfies(d -> assertThat(d.complete()).isFalse());
    }

    @Test
    void twentyThousandDeepBlockNestingIsRefused() {
        // compact nested block sequences: '- - - x' nests one level per dash on a single line
        read("- ".repeat(20_000) + "x\n");
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_LIMIT, 1, 129));
    }

    @Test
    void deepBlockMappingsAreRefusedAtTheFirstLevelTooDeep() {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 100; i++) y.append(" ".repeat(i)).append("k:\n");
        read(y.toString());
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_LIMIT, 65, 65));
    }

    @Test
    void deepNestingUpToTheLimitIsAccepted() {
        read("a: " + "[".repeat(63) + "]".repeat(63) + "\n");
        assertThat(diag.issues()).isEmpty();
    }

    @Test
    void multiMegabyteScalarExceedsTheScalarLimit() {
        String big = "x".repeat(1_500_000);
        YamlStream s = read("title: t\nvalue: " + big + "\n");
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_LIMIT, 2, 8));
        assertThat(s.documents().get(0).hasErrors()).isTrue();
    }

    @Test
    void documentLargerThanTheLimitIsRefusedBeforeParsing() {
        Limits small = new Limits(1_000, 64, 50, 20_000, 256, 4_096);
        // malformed on purpose: the size check must come first
        YamlStream s = read("a: [" + "x".repeat(2_000), small);
        assertThat(s.documents()).isEmpty();
        assertThat(s.fileIssues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_LIMIT, 1, 1));
        assertThat(s.fileIssues().get(0).message()).contains("2004 bytes", "1000");
    }

    @Test
    void nulByteIsALocatedError() {
        YamlStream s = read("title: ok\nid: a\u0000b\n");
        assertThat(s.fileIssues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_SYNTAX, 2, 6));
        assertThat(s.fileIssues().get(0).message()).contains("U+0000");
    }

    @Test
    void emptyFileIsAWarning() {
        for (String empty : List.of("", "\n\n", "# just a comment\n", "---\n", "---\n...\n")) {
            YamlStream s = read(empty);
            assertThat(s.documents()).as(empty).isEmpty();
            assertThat(s.fileIssues()).as(empty).extracting(Issue::severity, Issue::code)
                    .containsExactly(tuple(Severity.WARNING, IssueCode.EMPTY_FILE));
        }
    }

    @Test
    void syntaxErrorIsLocatedAtTheProblemMark() {
        YamlStream s = read("""
                title: a
                list: [1, 2
                next: 3
                """);
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_SYNTAX, 3, 5));
        assertThat(diag.issues().get(0).message()).contains("line 2, column 7");
        YamlDocument doc = s.documents().get(0);
        assertThat(doc.complete()).isFalse();
        assertThat(scalar(((YMap) doc.root()).get("title")).text()).isEqualTo("a"); // names the broken document
    }

    @Test
    void tabIndentationIsASyntaxError() {
        read("a: 1\n\tb: 2\n");
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_SYNTAX, 2, 1));
    }

    @Test
    void syntaxErrorInALaterDocumentKeepsTheEarlierOnes() {
        YamlStream s = read("title: one\n---\ntitle: [\n");
        assertThat(s.documents()).hasSize(2);
        assertThat(s.documents().get(0).complete()).isTrue();
        assertThat(s.documents().get(0).issues()).isEmpty();
        assertThat(s.documents().get(1).complete()).isFalse();
        assertThat(s.documents().get(1).issues()).extracting(Issue::code).containsExactly(IssueCode.YAML_SYNTAX);
        assertThat(s.fileIssues()).isEmpty();
    }

    @Test
    void complexKeysAreRejected() {
        YamlStream s = read("""
                ? [a, b]
                : 1
                {x: 1}: 2
                ok: 3
                """);
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.YAML_SYNTAX, 1, 3), tuple(IssueCode.YAML_SYNTAX, 3, 1));
        YMap m = (YMap) s.documents().get(0).root();
        assertThat(m.entries()).extracting(e -> e.key().text()).containsExactly("ok");
    }

    @Test
    void emojiAcrossTheParserBufferBoundaryReads() {
        // snakeyaml-engine's default buffer holds 1,025 chars; end it between the halves of a surrogate pair
        String padding = "x".repeat(1024 - "a: ".length());
        YMap m = single("a: " + padding + "\uD83D\uDE00 tail\nb: 1\n");
        assertThat(scalar(m.get("a")).text()).endsWith("\uD83D\uDE00 tail");
        assertThat(m.get("b").location()).hasToString("t.yml:2:4");
    }

    @Test
    void mergeKeysAreRefusedRatherThanReadAsOrdinaryKeys() {
        YamlStream st = read("base: &b {a: 1}\nrule:\n    <<: *b\n    c: 2\n    '<<': quoted is a plain key\n");
        assertThat(diag.issues()).extracting(Issue::code, i -> i.location().line(), i -> i.location().column())
                .containsExactly(tuple(IssueCode.UNSUPPORTED_FEATURE, 3, 5));
        YMap rule = (YMap) ((YMap) st.documents().get(0).root()).get("rule");
        assertThat(rule.entries()).extracting(e -> e.key().text()).containsExactly("c", "<<");
    }

    @Test
    void columnsCountCodePointsAfterAstralCharacters() {
        YMap m = single("a: \"\uD83D\uDE00\" \nb: &x 'v'\nc: [\uD83D\uDE00, &y z]\n");
        assertThat(m.get("b").location()).hasToString("t.yml:2:7");
        assertThat(((YSeq) m.get("c")).items().get(1).location()).hasToString("t.yml:3:11");
    }

    @Test
    void windowsLineEndingsKeepLinesAndContext() {
        read("title: a\r\nlist: [1, 2\r\nnext: 3\r\n");
        assertThat(diag.issues()).singleElement().satisfies(i -> {
            assertThat(i.location()).hasToString("t.yml:3:5");
            assertThat(i.context()).isEqualTo("next: 3");
        });
    }

    @Test
    void byteOrderMarkIsIgnored() {
        YMap m = single("\uFEFFtitle: x\n");
        assertThat(m.keyNode("title").location()).hasToString("t.yml:1:1");
    }
}
