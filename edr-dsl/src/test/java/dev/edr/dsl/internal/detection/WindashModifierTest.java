package dev.edr.dsl.internal.detection;

import static dev.edr.dsl.internal.detection.Fixture.MANY;
import static dev.edr.dsl.internal.detection.Fixture.assertIssue;
import static dev.edr.dsl.internal.detection.Fixture.str;
import static dev.edr.dsl.internal.detection.Fixture.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.ValueMatch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindashModifierTest {
    private static final String EN = "\u2013";
    private static final String EM = "\u2014";
    private static final String BAR = "\u2015";

    @Test
    void oneDashBecomesFiveAlternatives() {
        ValueMatch v = Fixture.item("CommandLine|contains|windash: ' -exec'").value();
        assertThat(v).isEqualTo(new ValueMatch.AnyOf(List.of(
                str(MANY, t(" -exec"), MANY),
                str(MANY, t(" /exec"), MANY),
                str(MANY, t(" " + EN + "exec"), MANY),
                str(MANY, t(" " + EM + "exec"), MANY),
                str(MANY, t(" " + BAR + "exec"), MANY))));
    }

    @Test
    void slashIsReplacedToo() {
        ValueMatch v = Fixture.item("CommandLine|windash: '/c'").value();
        assertThat(((ValueMatch.AnyOf) v).alternatives()).containsExactly(
                str(t("-c")), str(t("/c")), str(t(EN + "c")), str(t(EM + "c")), str(t(BAR + "c")));
    }

    @Test
    void twoDashesGiveAllTwentyFiveCombinationsFirstDashSlowest() {
        ValueMatch v = Fixture.item("CommandLine|windash: '-i -s'").value();
        List<ValueMatch> expected = new ArrayList<>();
        String[] dashes = {"-", "/", EN, EM, BAR};
        for (String a : dashes) {
            for (String b : dashes) {
                expected.add(str(t(a + "i " + b + "s")));
            }
        }
        assertThat(((ValueMatch.AnyOf) v).alternatives()).containsExactlyElementsOf(expected);
    }

    @Test
    void onlyDashesThatStartAWordAreReplaced() {
        // inside a word, before a space, at the end, doubled: unchanged
        assertThat(Fixture.item("F|windash: 'start/b a-b x- --'").value()).isEqualTo(str(t("start/b a-b x- --")));
        // '--x': the second dash starts the word, the first is followed by a non-word character
        ValueMatch v = Fixture.item("F|windash: '--x'").value();
        assertThat(((ValueMatch.AnyOf) v).alternatives()).hasSize(5).first().isEqualTo(str(t("--x")));
        assertThat(((ValueMatch.AnyOf) v).alternatives().get(1)).isEqualTo(str(t("-/x")));
    }

    @Test
    void wildcardCountsAsNonWordNeighbour() {
        ValueMatch v = Fixture.item("F|windash: '*-x'").value();
        assertThat(((ValueMatch.AnyOf) v).alternatives()).contains(str(MANY, t("/x")));
        assertThat(Fixture.item("F|windash: 'a-*'").value()).isEqualTo(str(t("a-"), MANY));
    }

    @Test
    void positionModifierAfterWindashAppliesToEveryAlternative() {
        ValueMatch v = Fixture.item("F|windash|endswith: ' -x'").value();
        assertThat(((ValueMatch.AnyOf) v).alternatives()).hasSize(5)
                .allSatisfy(a -> assertThat(((ValueMatch.StringMatch) a).glob().segments().get(0)).isEqualTo(MANY));
    }

    @Test
    void tooManyDashesAreAValueLimitErrorAtTheValue() {
        assertThat(Fixture.item("F|windash: '-a -b -c -d'").issues()).isEmpty();
        assertIssue(Fixture.item("F|windash: '-a -b -c -d -e'").error(), IssueCode.VALUE_LIMIT, 2, 14);
    }

    @Test
    void windashNeedsText() {
        assertIssue(Fixture.item("F|windash: true").error(), IssueCode.INVALID_MODIFIER, 2, 5);
        assertIssue(Fixture.item("F|re|windash: '-x'").error(), IssueCode.INVALID_MODIFIER, 2, 8);
        assertIssue(Fixture.item("F|wide|windash: '-x'").error(), IssueCode.INVALID_MODIFIER, 2, 10);
    }
}
