package dev.edr.dsl.internal.detection;

import static dev.edr.dsl.internal.detection.Fixture.assertIssue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.ValueMatch.RegexMatch;
import dev.edr.dsl.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexModifierTest {

    @Test
    void patternIsTheRawTextWithoutSigmaEscaping() {
        assertThat(Fixture.item("F|re: '\\\\cmd\\.exe$'").value())
                .isEqualTo(new RegexMatch("\\\\cmd\\.exe$", false, false, false));
        assertThat(Fixture.item("F|re: 'a.*b?'").value()).isEqualTo(new RegexMatch("a.*b?", false, false, false));
        assertThat(Fixture.item("F|re: 'a.*b?'").issues()).isEmpty();
    }

    @Test
    void subModifiersSetFlags() {
        assertThat(Fixture.item("F|re|i: x").value()).isEqualTo(new RegexMatch("x", true, false, false));
        assertThat(Fixture.item("F|re|m: x").value()).isEqualTo(new RegexMatch("x", false, true, false));
        assertThat(Fixture.item("F|re|s|i: x").value()).isEqualTo(new RegexMatch("x", true, false, true));
    }

    @Test
    void subModifiersNeedRe() {
        Issue e = Fixture.item("F|i: x").error();
        assertIssue(e, IssueCode.INVALID_MODIFIER, 2, 5);
        assertThat(e.message()).contains("'i' applies to a regular expression");
        assertIssue(Fixture.item("F|s|re: x").error(), IssueCode.INVALID_MODIFIER, 2, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'a(?=b)'", "'(?<!x)y'", "'(a)\\1'", "'a**'", "'x{1001}'", "'[a-'", "'(ab'"})
    void patternsRe2CannotRunAreErrorsAtTheValue(String pattern) {
        Issue e = Fixture.item("F|re: " + pattern).error();
        assertIssue(e, IssueCode.INVALID_REGEX, 2, 9);
        assertThat(e.message()).contains("'sel'", "field 'F'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'\\d+'", "'\\s'", "'\\w'", "'(?:a|b)'", "'(?i)x'", "'a+?'", "'[[:alpha:]]'"})
    void constructsOutsideTheSpecSubsetAreWarningsWhenRe2AcceptsThem(String pattern) {
        Fixture f = Fixture.item("F|re: " + pattern);
        assertThat(f.errors()).isEmpty();
        assertThat(f.warnings()).hasSize(1);
        assertIssue(f.warnings().get(0), IssueCode.INVALID_REGEX, 2, 9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'^a[^b-d]{1,3}(x|y)+\\.$'", "'[?*+]'", "'\\(\\)\\\\'"})
    void specSubsetHasNoWarnings(String pattern) {
        assertThat(Fixture.item("F|re: " + pattern).issues()).isEmpty();
    }

    @Test
    void patternLengthIsLimited() {
        Limits limits = new Limits(1 << 20, 64, 10, 100, 1000, 5);
        Fixture f = Fixture.parse("sel:\n  F|re: abcdef\n", limits);
        assertIssue(f.error(), IssueCode.INVALID_REGEX, 2, 9);
        assertThat(Fixture.parse("sel:\n  F|re: abcde\n", limits).issues()).isEmpty();
    }

    @Test
    void reMustSeeTheValueAsWritten() {
        assertIssue(Fixture.item("F|contains|re: x").error(), IssueCode.INVALID_MODIFIER, 2, 14);
        assertIssue(Fixture.item("F|cased|re: x").error(), IssueCode.INVALID_MODIFIER, 2, 11);
        assertIssue(Fixture.item("F|re|contains: x").error(), IssueCode.INVALID_MODIFIER, 2, 8);
        assertIssue(Fixture.item("F|re|cased: x").error(), IssueCode.INVALID_MODIFIER, 2, 8);
        assertIssue(Fixture.item("F|re: null").error(), IssueCode.INVALID_MODIFIER, 2, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'((a{1000}){1000}){1000}'", "'(((a{100}){100}){100}){100}'", "'(x{1000}|y){1000}'"})
    void nestedRepetitionBlowupsAreRejectedBeforeCompiling(String pattern) {
        // RE2J would exhaust the heap compiling these
        Issue e = Fixture.item("F|re: " + pattern).error();
        assertIssue(e, IssueCode.INVALID_REGEX, 2, 9);
        assertThat(e.message()).contains("instructions");
    }

    @Test
    void sizeEstimateMultipliesNestedCounts() {
        assertThat(RegexCheck.estimatedSize("abc")).isEqualTo(3);
        assertThat(RegexCheck.estimatedSize("(ab){10}c")).isEqualTo(21);
        assertThat(RegexCheck.estimatedSize("[a-z]{5,8}")).isEqualTo(8);
        assertThat(RegexCheck.estimatedSize("a{3,}")).isEqualTo(4);
        assertThat(RegexCheck.estimatedSize("\\d{4}")).isEqualTo(4);
    }

    @Test
    void deepNestingNeverEscapesAsAnException() {
        int depth = 40_000;
        String pattern = "(".repeat(depth) + "a" + ")".repeat(depth);
        Limits limits = new Limits(1 << 20, 64, 10, 100, 1 << 20, 1 << 20);
        Fixture f = Fixture.parse("sel:\n  F|re: '" + pattern + "'\n", limits);
        assertThat(f.errors()).allSatisfy(i -> assertThat(i.code()).isEqualTo(IssueCode.INVALID_REGEX));
    }
}
