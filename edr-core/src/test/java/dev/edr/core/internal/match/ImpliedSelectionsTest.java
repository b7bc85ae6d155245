package dev.edr.core.internal.match;

import static dev.edr.core.testkit.Rules.and;
import static dev.edr.core.testkit.Rules.not;
import static dev.edr.core.testkit.Rules.or;
import static dev.edr.core.testkit.Rules.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.Condition;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a condition that holds implies for its selections: a detection's matched selections skip testing those
 * again, so every implication must be a real one (the differential tests hold the result to the reference
 * interpreter over the corpus; these pin the rules of the deduction).
 */
class ImpliedSelectionsTest {
    private static Map<String, Byte> implied(Condition c) {
        Map<String, Byte> out = new HashMap<>();
        DetectionCompiler.implied(c, true, out);
        return out;
    }

    @Test
    void aConjunctionImpliesItsPartsAndANegatedDisjunctionTheirFailure() {
        assertThat(implied(and(ref("sel"), not(ref("filter")))))
                .isEqualTo(Map.of("sel", DetectionCompiler.HOLDS, "filter", DetectionCompiler.FAILS));
        // not 1 of filter_*: every filter fails
        assertThat(implied(and(ref("sel"), not(or(ref("f1"), ref("f2"))))))
                .isEqualTo(Map.of("sel", DetectionCompiler.HOLDS, "f1", DetectionCompiler.FAILS,
                        "f2", DetectionCompiler.FAILS));
        assertThat(implied(not(not(ref("a"))))).isEqualTo(Map.of("a", DetectionCompiler.HOLDS));
    }

    @Test
    void aDisjunctionThatHoldsOrAConjunctionThatFailsImpliesNothing() {
        assertThat(implied(or(ref("a"), ref("b")))).isEmpty(); // 1 of selection_*
        assertThat(implied(not(and(ref("a"), ref("b"))))).isEmpty();
        // the open part stays open beside implied ones
        assertThat(implied(and(ref("img"), or(ref("x"), ref("y")), not(ref("f")))))
                .isEqualTo(Map.of("img", DetectionCompiler.HOLDS, "f", DetectionCompiler.FAILS));
    }

    @Test
    void aSelectionImpliedBothWaysIsOpen() {
        // a condition that can never hold: nothing may be taken for granted about it
        assertThat(implied(and(ref("a"), not(ref("a"))))).isEqualTo(Map.of("a", DetectionCompiler.OPEN));
        // implied the same way twice stays implied
        assertThat(implied(and(ref("a"), ref("a")))).isEqualTo(Map.of("a", DetectionCompiler.HOLDS));
    }
}
