package dev.edr.dsl.internal.detection;

import static dev.edr.dsl.internal.detection.Fixture.MANY;
import static dev.edr.dsl.internal.detection.Fixture.assertIssue;
import static dev.edr.dsl.internal.detection.Fixture.str;
import static dev.edr.dsl.internal.detection.Fixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.ValueMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * base64, base64offset, utf16le/utf16be/utf16/wide. Expected strings come from the {@code base64} command line
 * tool (e.g. {@code printf ' http://' | base64} = {@code IGh0dHA6Ly8=}), trimmed by hand.
 */
class EncodingModifiersTest {

    @Test
    void base64EncodesUtf8() {
        assertThat(Fixture.item("F|base64: cmd").value()).isEqualTo(str(t("Y21k")));
        assertThat(Fixture.item("F|base64: 'é'").value()).isEqualTo(str(t("w6k=")));
        assertThat(Fixture.item("F|base64|contains: cmd").value()).isEqualTo(str(MANY, t("Y21k"), MANY));
    }

    @Test
    void base64offsetGivesThreeTrimmedFragments() {
        // aHR0cDovLw== cut 3 at the end; IGh0dHA6Ly8= cut 2+2; ICBodHRwOi8v cut 3 at the start
        ValueMatch v = Fixture.item("F|base64offset|contains: 'http://'").value();
        assertThat(v).isEqualTo(new ValueMatch.AnyOf(List.of(
                str(MANY, t("aHR0cDovL"), MANY), str(MANY, t("h0dHA6Ly"), MANY), str(MANY, t("odHRwOi8v"), MANY))));
        // YWI= / IGFi / ICBhYg==
        ValueMatch ab = Fixture.item("F|base64offset: ab").value();
        assertThat(ab).isEqualTo(new ValueMatch.AnyOf(List.of(str(t("YW")), str(t("Fi")), str(t("hY")))));
    }

    @Test
    void wideThenBase64offsetEncodesUtf16Bytes() {
        // printf 'p\0i\0n\0g\0' | base64 = cABpAG4AZwA= ; with 1 and 2 leading spaces: IHAAaQBuAGcA, ICBwAGkAbgBnAA==
        ValueMatch v = Fixture.item("CommandLine|wide|base64offset|contains: ping").value();
        assertThat(v).isEqualTo(new ValueMatch.AnyOf(List.of(
                str(MANY, t("cABpAG4AZw"), MANY), str(MANY, t("AAaQBuAGcA"), MANY), str(MANY, t("wAGkAbgBnA"), MANY))));
    }

    @Test
    void utf16VariantsThenBase64() {
        assertThat(Fixture.item("F|utf16le|base64: cmd").value()).isEqualTo(str(t("YwBtAGQA")));
        assertThat(Fixture.item("F|wide|base64: cmd").value()).isEqualTo(str(t("YwBtAGQA")));
        assertThat(Fixture.item("F|utf16be|base64: cmd").value()).isEqualTo(str(t("AGMAbQBk")));
        assertThat(Fixture.item("F|utf16|base64: cmd").value()).isEqualTo(str(t("//5jAG0AZAA=")));
    }

    @Test
    void utf16AloneYieldsOneCharPerByteAndKeepsWildcards() {
        assertThat(Fixture.item("F|utf16le: cmd").value()).isEqualTo(str(t("c\0m\0d\0")));
        assertThat(Fixture.item("F|utf16be: cmd").value()).isEqualTo(str(t("\0c\0m\0d")));
        assertThat(Fixture.item("F|utf16: cmd").value()).isEqualTo(str(t("\u00ff\u00fec\0m\0d\0")));
        assertThat(Fixture.item("F|wide: 'a*b'").value()).isEqualTo(str(t("a\0"), MANY, t("b\0")));
        assertThat(Fixture.item("F|utf16le: 'é'").value()).isEqualTo(str(t("\u00e9\0")));
    }

    @Test
    void wildcardsCannotBeEncoded() {
        // wildcard written in the value: the value is at fault
        assertIssue(Fixture.item("F|base64: 'a*'").error(), IssueCode.INVALID_VALUE, 2, 13);
        // wildcard added by an earlier modifier: the chain order is at fault, located at base64
        var e = Fixture.item("F|contains|base64: abc").error();
        assertIssue(e, IssueCode.INVALID_MODIFIER, 2, 14);
        assertThat(e.message()).contains("put contains/startswith/endswith after");
        assertIssue(Fixture.item("F|startswith|base64offset: abc").error(), IssueCode.INVALID_MODIFIER, 2, 16);
    }

    @Test
    void typeConflicts() {
        assertIssue(Fixture.item("F|re|base64: abc").error(), IssueCode.INVALID_MODIFIER, 2, 8);
        assertIssue(Fixture.item("F|base64: true").error(), IssueCode.INVALID_MODIFIER, 2, 5);
        assertIssue(Fixture.item("F|utf16le|utf16be: a").error(), IssueCode.INVALID_MODIFIER, 2, 13);
        assertIssue(Fixture.item("F|cidr|wide: 10.0.0.0/8").error(), IssueCode.INVALID_MODIFIER, 2, 10);
    }

    @Test
    void base64offsetNeedsEnoughCharacters() {
        assertIssue(Fixture.item("F|base64offset: a").error(), IssueCode.INVALID_VALUE, 2, 19);
        assertIssue(Fixture.item("F|base64offset: ''").error(), IssueCode.INVALID_VALUE, 2, 19);
    }
}
