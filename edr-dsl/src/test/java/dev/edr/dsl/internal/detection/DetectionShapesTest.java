package dev.edr.dsl.internal.detection;

import static dev.edr.dsl.internal.detection.Fixture.MANY;
import static dev.edr.dsl.internal.detection.Fixture.assertIssue;
import static dev.edr.dsl.internal.detection.Fixture.str;
import static dev.edr.dsl.internal.detection.Fixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.Selection.AllOf;
import dev.edr.core.rule.Selection.AnyOf;
import dev.edr.core.rule.Selection.FieldMatch;
import dev.edr.core.rule.ValueMatch;
import dev.edr.dsl.Limits;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionShapesTest {

    @Test
    void mapIsAndOfItemsInFileOrder() {
        Fixture f = Fixture.parse("""
                sel:
                  EventID: 4688
                  Image|endswith: '\\cmd.exe'
                condition: sel
                """);
        assertThat(f.issues()).isEmpty();
        assertThat(f.selections()).containsOnlyKeys("sel");
        AllOf all = (AllOf) f.selections().get("sel");
        assertThat(all.items()).containsExactly(
                new FieldMatch("EventID", List.of(str(t("4688"))), false, false, SourceLocation.of("rule.yml", 2, 3)),
                new FieldMatch("Image", List.of(str(MANY, t("\\cmd.exe"))), false, false,
                        SourceLocation.of("rule.yml", 3, 3)));
    }

    @Test
    void listOfMapsIsOrOfAnds() {
        Fixture f = Fixture.parse("""
                sel:
                  - Image|endswith: '\\a.exe'
                  - Description|contains: Test
                    Product: X
                """);
        AnyOf any = (AnyOf) f.selections().get("sel");
        assertThat(any.items()).hasSize(2);
        assertThat(((AllOf) any.items().get(0)).items()).extracting(s -> ((FieldMatch) s).field())
                .containsExactly("Image");
        assertThat(((AllOf) any.items().get(1)).items()).extracting(s -> ((FieldMatch) s).field())
                .containsExactly("Description", "Product");
    }

    @Test
    void listOfScalarsIsKeywordSearch() {
        Fixture f = Fixture.parse("""
                keywords:
                  - 'event::clear'
                  - 42
                """);
        FieldMatch kw = (FieldMatch) f.selections().get("keywords");
        assertThat(kw.isKeyword()).isTrue();
        assertThat(kw.matchAll()).isFalse();
        assertThat(kw.values()).containsExactly(str(t("event::clear")), str(t("42")));
        assertThat(kw.location()).isEqualTo(SourceLocation.of("rule.yml", 2, 3));
    }

    @Test
    void singleScalarIsOneKeyword() {
        Fixture f = Fixture.parse("kw: 'mimikatz*'\n");
        FieldMatch kw = (FieldMatch) f.selections().get("kw");
        assertThat(kw.field()).isNull();
        assertThat(kw.values()).containsExactly(str(t("mimikatz"), MANY));
    }

    @Test
    void barKeyIsKeywordWithModifiers() {
        Fixture f = Fixture.parse("""
                kw:
                  '|all':
                    - 'OabVirtualDirectory'
                    - ' -ExternalUrl '
                """);
        FieldMatch m = (FieldMatch) ((AllOf) f.selections().get("kw")).items().get(0);
        assertThat(m.field()).isNull();
        assertThat(m.matchAll()).isTrue();
        assertThat(m.values()).containsExactly(str(t("OabVirtualDirectory")), str(t(" -ExternalUrl ")));
        assertThat(f.issues()).isEmpty();
    }

    @Test
    void listValuesAreOrByDefault() {
        FieldMatch m = Fixture.item("EventID: [517, 1102]").only();
        assertThat(m.matchAll()).isFalse();
        assertThat(m.negated()).isFalse();
        assertThat(m.values()).containsExactly(str(t("517")), str(t("1102")));
    }

    @Test
    void specialValues() {
        assertThat(Fixture.item("F: null").value()).isEqualTo(new ValueMatch.IsNull());
        assertThat(Fixture.item("F:").value()).isEqualTo(new ValueMatch.IsNull());
        assertThat(Fixture.item("F: ''").value()).isEqualTo(new ValueMatch.StringMatch(new Glob(List.of()), false));
        assertThat(Fixture.item("F: true").value()).isEqualTo(new ValueMatch.BoolMatch(true));
        assertThat(Fixture.item("F: 'true'").value()).isEqualTo(str(t("true")));
        assertThat(Fixture.item("F: 0x10").value()).as("YAML hex int").isEqualTo(str(t("16")));
        assertThat(Fixture.item("F: 1.50").value()).as("float keeps its text, and matches events' 1.5")
                .isEqualTo(new ValueMatch.AnyOf(List.of(str(t("1.50")), str(t("1.5")))));
        assertThat(Fixture.item("F: '0x40810000'").value()).isEqualTo(str(t("0x40810000")));
        assertThat(Fixture.item("F: 123456789012345678901234567890").value())
                .isEqualTo(str(t("123456789012345678901234567890")));
    }

    @Test
    void floatsAlsoMatchTheirDecimalTextWithoutTrailingZerosAsEventsPrintIt() {
        assertThat(Fixture.item("F: 1.0").value()).isEqualTo(new ValueMatch.AnyOf(List.of(str(t("1.0")), str(t("1")))));
        assertThat(Fixture.item("F: 1e3").value()).isEqualTo(new ValueMatch.AnyOf(List.of(str(t("1e3")), str(t("1000")))));
        assertThat(Fixture.item("F: 0.0").value()).isEqualTo(new ValueMatch.AnyOf(List.of(str(t("0.0")), str(t("0")))));
        assertThat(Fixture.item("F: 1.5").value()).as("already canonical").isEqualTo(str(t("1.5")));
        assertThat(Fixture.item("F: 4688").value()).as("integers unchanged").isEqualTo(str(t("4688")));
        assertThat(Fixture.item("F: -0.25").value()).isEqualTo(str(t("-0.25")));
    }

    @Test
    void conditionAndTimeframeAreNotIdentifiers() {
        Fixture f = Fixture.parse("sel:\n  A: b\ntimeframe: 5m\ncondition: sel\n");
        assertThat(f.selections()).containsOnlyKeys("sel");
        assertThat(f.issues()).isEmpty();
    }

    @Test
    void identifierWithErrorIsOmittedOthersKept() {
        Fixture f = Fixture.parse("""
                good:
                  A: b
                bad:
                  A|nope: b
                good2: [x]
                """);
        assertThat(f.selections()).containsOnlyKeys("good", "good2");
        assertIssue(f.error(), IssueCode.UNKNOWN_MODIFIER, 4, 5);
        assertThat(f.error().message()).contains("'bad'", "field 'A'", "'nope'");
        assertThat(f.error().context()).isEqualTo("  A|nope: b");
    }

    @Test
    void emptyIdentifierIsInvalid() {
        Issue e = Fixture.parse("sel:\ncondition: sel\n").error();
        assertIssue(e, IssueCode.INVALID_DETECTION, 1, 1);
        assertThat(e.message()).contains("'sel'");
    }

    @Test
    void emptyMapAndEmptyListAreInvalid() {
        assertIssue(Fixture.parse("sel: {}\n").error(), IssueCode.INVALID_DETECTION, 1, 6);
        assertIssue(Fixture.parse("sel: []\n").error(), IssueCode.INVALID_DETECTION, 1, 6);
        assertIssue(Fixture.item("F: []").error(), IssueCode.INVALID_VALUE, 2, 6);
    }

    @Test
    void mixedListIsInvalidAtTheOddItem() {
        Fixture f = Fixture.parse("""
                sel:
                  - A: b
                  - loose
                """);
        assertIssue(f.error(), IssueCode.INVALID_DETECTION, 3, 5);
        assertThat(f.selections()).isEmpty();
    }

    @Test
    void nestedListsAndMapValuesAreInvalid() {
        assertIssue(Fixture.parse("sel:\n  - [a, b]\n").error(), IssueCode.INVALID_DETECTION, 2, 5);
        assertIssue(Fixture.item("F:\n  x: y").error(), IssueCode.INVALID_VALUE, 3, 5);
        assertIssue(Fixture.item("F:\n  - a\n  - [b]").error(), IssueCode.INVALID_VALUE, 4, 7);
    }

    @Test
    void nullInsideListIsAnErrorAtTheNull() {
        Fixture f = Fixture.item("FieldB:\n  - ''\n  - null");
        assertIssue(f.error(), IssueCode.INVALID_VALUE, 4, 7); // Fixture.item indents by two
        assertThat(f.error().message()).contains("'sel'", "field 'FieldB'", "null");
    }

    @Test
    void keywordsMustBeStringsOrNumbers() {
        assertIssue(Fixture.parse("kw:\n  - a\n  - null\n").error(), IssueCode.INVALID_VALUE, 3, 5);
        assertIssue(Fixture.parse("kw:\n  - true\n").error(), IssueCode.INVALID_VALUE, 2, 5);
    }

    @Test
    void emptyFieldNameIsInvalid() {
        assertIssue(Fixture.item("'': x").error(), IssueCode.INVALID_DETECTION, 2, 3);
    }

    @Test
    void unknownModifierIsLocatedAtItsFirstCharacter() {
        Issue e = Fixture.item("CommandLine|contains|contians: x").error();
        assertIssue(e, IssueCode.UNKNOWN_MODIFIER, 2, 24);
        assertThat(e.message()).contains("'contians'", "'sel'", "'CommandLine'");
        // inside a quoted key the quote shifts the column by one
        assertIssue(Fixture.item("'Image|Contains': x").error(), IssueCode.UNKNOWN_MODIFIER, 2, 10);
        assertThat(Fixture.item("'Image|Contains': x").error().message()).contains("lower case");
        assertIssue(Fixture.item("Image||contains: x").error(), IssueCode.UNKNOWN_MODIFIER, 2, 9);
        assertIssue(Fixture.item("Image|: x").error(), IssueCode.UNKNOWN_MODIFIER, 2, 9);
    }

    @Test
    void repeatedModifierIsAnError() {
        assertIssue(Fixture.item("Image|contains|contains: x").error(), IssueCode.INVALID_MODIFIER, 2, 18);
    }

    @Test
    void valuesPerRuleAreLimitedAndReportedOnce() {
        Limits small = new Limits(1024 * 1024, 64, 10, 3, 1000, 100);
        Fixture f = Fixture.parse("""
                a:
                  F: [v1, v2]
                b:
                  G: [v3, v4, v5]
                c: [v6]
                """, small);
        assertIssue(f.error(), IssueCode.VALUE_LIMIT, 4, 11); // v4, the fourth value
        assertThat(f.selections()).containsOnlyKeys("a");
    }

    @Test
    void sameInputSameResult() {
        String yaml = "sel:\n  - A|contains|windash: ' -x'\n  - B|base64offset|contains: abc\n";
        assertThat(Fixture.parse(yaml)).isEqualTo(Fixture.parse(yaml));
        Selection s = Fixture.parse(yaml).selections().get("sel");
        assertThat(s).isInstanceOf(AnyOf.class);
    }
}
