package dev.edr.dsl.internal.detection;

import static dev.edr.dsl.internal.detection.Fixture.MANY;
import static dev.edr.dsl.internal.detection.Fixture.ONE;
import static dev.edr.dsl.internal.detection.Fixture.assertIssue;
import static dev.edr.dsl.internal.detection.Fixture.str;
import static dev.edr.dsl.internal.detection.Fixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.Selection.FieldMatch;
import dev.edr.core.rule.ValueMatch;
import dev.edr.core.rule.ValueMatch.Position;
import java.util.List;
import org.junit.jupiter.api.Test;

/** contains, startswith, endswith, all, cased, neq, exists, expand, fieldref. */
class GenericModifiersTest {

    @Test
    void containsStartswithEndswithAddWildcards() {
        assertThat(Fixture.item("F|contains: abc").value()).isEqualTo(str(MANY, t("abc"), MANY));
        assertThat(Fixture.item("F|startswith: abc").value()).isEqualTo(str(t("abc"), MANY));
        assertThat(Fixture.item("F|endswith: abc").value()).isEqualTo(str(MANY, t("abc")));
    }

    @Test
    void positionModifiersMergeWithExistingWildcards() {
        assertThat(Fixture.item("F|contains: '*a?c*'").value()).isEqualTo(str(MANY, t("a"), ONE, t("c"), MANY));
        assertThat(Fixture.item("F|endswith: '\\*x'").value()).as("escaped star stays text")
                .isEqualTo(str(MANY, t("*x")));
        assertThat(Fixture.item("F|contains: ''").value()).isEqualTo(str(MANY));
        assertThat(Fixture.item("F|startswith: 42").value()).as("numbers are strings").isEqualTo(str(t("42"), MANY));
    }

    @Test
    void positionModifiersRejectNonStrings() {
        Issue e = Fixture.item("F|contains: true").error();
        assertIssue(e, IssueCode.INVALID_MODIFIER, 2, 5);
        assertThat(e.message()).contains("'contains' applies to", "not to a boolean", "'sel'", "field 'F'");
        assertIssue(Fixture.item("F|endswith: null").error(), IssueCode.INVALID_MODIFIER, 2, 5);
    }

    @Test
    void allLinksValuesWithAnd() {
        FieldMatch m = Fixture.item("CommandLine|contains|all: [a, b]").only();
        assertThat(m.matchAll()).isTrue();
        assertThat(m.values()).containsExactly(str(MANY, t("a"), MANY), str(MANY, t("b"), MANY));
    }

    @Test
    void allWithOneValueIsOnlyAWarningAtTheModifier() {
        Fixture f = Fixture.item("CommandLine|contains|all: a");
        assertThat(f.only().matchAll()).isTrue();
        assertThat(f.warnings()).hasSize(1);
        assertIssue(f.warnings().get(0), IssueCode.INVALID_MODIFIER, 2, 24);
        Fixture list = Fixture.item("CommandLine|all: [a]");
        assertThat(list.warnings()).hasSize(1);
    }

    @Test
    void casedMakesStringMatchCaseSensitive() {
        assertThat(Fixture.item("F|cased: AbC").value())
                .isEqualTo(new ValueMatch.StringMatch(Glob.literal("AbC"), true));
        assertThat(Fixture.item("F|contains|cased: AbC").value())
                .isEqualTo(new ValueMatch.StringMatch(Glob.of(List.of(MANY, t("AbC"), MANY)), true));
        assertThat(Fixture.item("F|cased|contains: AbC").value())
                .isEqualTo(new ValueMatch.StringMatch(Glob.of(List.of(MANY, t("AbC"), MANY)), true));
        assertIssue(Fixture.item("F|cased: false").error(), IssueCode.INVALID_MODIFIER, 2, 5);
    }

    @Test
    void neqNegatesTheItem() {
        FieldMatch m = Fixture.item("User|neq: [SYSTEM, 'LOCAL SERVICE']").only();
        assertThat(m.negated()).isTrue();
        assertThat(m.matchAll()).isFalse();
        assertThat(m.values()).containsExactly(str(t("SYSTEM")), str(t("LOCAL SERVICE")));
        assertThat(Fixture.item("F|neq: 4").only().values()).containsExactly(str(t("4")));
    }

    @Test
    void existsNeedsABoolean() {
        assertThat(Fixture.item("F|exists: true").value()).isEqualTo(new ValueMatch.Exists(true));
        assertThat(Fixture.item("F|exists: false").value()).isEqualTo(new ValueMatch.Exists(false));
        Issue quoted = Fixture.item("F|exists: 'true'").error();
        assertIssue(quoted, IssueCode.INVALID_VALUE, 2, 13);
        assertThat(quoted.message()).contains("'exists' needs the boolean");
        assertIssue(Fixture.item("F|exists: yes").error(), IssueCode.INVALID_VALUE, 2, 13);
    }

    @Test
    void existsStandsAlone() {
        assertIssue(Fixture.item("F|exists|neq: true").error(), IssueCode.INVALID_MODIFIER, 2, 5);
        assertIssue(Fixture.item("'|exists': true").error(), IssueCode.INVALID_MODIFIER, 2, 5);
    }

    @Test
    void expandTurnsAWholePlaceholderIntoPlaceholder() {
        Fixture whole = Fixture.item("ComputerName|expand: '%Workstations%'");
        assertThat(whole.value()).isEqualTo(new ValueMatch.Placeholder("Workstations"));
        assertThat(whole.warnings()).as("validate says the engine needs a resolving pipeline").hasSize(1);
        assertIssue(whole.warnings().get(0), IssueCode.UNSUPPORTED_FEATURE, 2, 24);
        assertThat(whole.warnings().get(0).message()).contains("%Workstations%", "pipeline");
        Fixture f = Fixture.item("Attributes|contains|expand: '%known_cdcs%'");
        assertThat(f.value()).isEqualTo(new ValueMatch.Placeholder("known_cdcs"));
        assertThat(f.warnings()).hasSize(1);
        assertIssue(f.warnings().get(0), IssueCode.UNSUPPORTED_FEATURE, 2, 31);
    }

    @Test
    void expandWithoutPlaceholderKeepsTheStringAndWarns() {
        Fixture f = Fixture.item("F|expand: '100\\% sure'");
        assertThat(f.value()).isEqualTo(str(t("100% sure")));
        assertIssue(f.warnings().get(0), IssueCode.INVALID_MODIFIER, 2, 5);
        assertThat(Fixture.item("F: '%name%'").value()).as("without expand it is text").isEqualTo(str(t("%name%")));
    }

    @Test
    void expandRejectsPlaceholdersMixedWithText() {
        Issue e = Fixture.item("F|expand: '\\%plain%name%'").error();
        assertIssue(e, IssueCode.UNSUPPORTED_FEATURE, 2, 13);
        assertThat(e.message()).contains("%name%");
        assertIssue(Fixture.item("F|expand: '%a%%b%'").error(), IssueCode.UNSUPPORTED_FEATURE, 2, 13);
    }

    @Test
    void fieldrefReferencesAnotherField() {
        assertThat(Fixture.item("TargetFilename|fieldref: Image").value())
                .isEqualTo(new ValueMatch.FieldRef("Image", Position.EQUALS, false));
        assertThat(Fixture.item("A|fieldref|contains: B").value())
                .isEqualTo(new ValueMatch.FieldRef("B", Position.CONTAINS, false));
        assertThat(Fixture.item("A|startswith|fieldref: B").value())
                .isEqualTo(new ValueMatch.FieldRef("B", Position.STARTSWITH, false));
        assertThat(Fixture.item("A|fieldref|endswith|cased: B").value())
                .isEqualTo(new ValueMatch.FieldRef("B", Position.ENDSWITH, true));
        FieldMatch neq = Fixture.item("A|fieldref|neq: B").only();
        assertThat(neq.negated()).isTrue();
    }

    @Test
    void fieldrefErrors() {
        assertIssue(Fixture.item("A|fieldref: 'B*'").error(), IssueCode.INVALID_VALUE, 2, 15);
        assertIssue(Fixture.item("A|fieldref|startswith|endswith: B").error(), IssueCode.INVALID_MODIFIER, 2, 25);
        assertIssue(Fixture.item("'|fieldref': B").error(), IssueCode.INVALID_MODIFIER, 2, 5);
        assertIssue(Fixture.item("A|fieldref: ''").error(), IssueCode.INVALID_VALUE, 2, 15);
        assertIssue(Fixture.item("A|utf16le|fieldref: B").error(), IssueCode.INVALID_MODIFIER, 2, 13);
    }

    @Test
    void chainErrorsAreReportedOncePerItem() {
        Fixture f = Fixture.item("F|contains: [true, false, true]");
        assertThat(f.errors()).hasSize(1);
    }
}
