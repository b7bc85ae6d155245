package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.Glob;
import dev.edr.core.rule.ValueMatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written value equality must be the records' own, and its hash consistent with it. */
class SharedPredicatesTest {
    private static List<ValueMatch> samples() {
        List<ValueMatch> out = new ArrayList<>();
        for (boolean cased : new boolean[] {false, true}) {
            out.add(new ValueMatch.StringMatch(Glob.literal("abc"), cased));
            out.add(new ValueMatch.StringMatch(Glob.literal("abd"), cased));
            out.add(new ValueMatch.StringMatch(Glob.literal(""), cased));
            out.add(new ValueMatch.StringMatch(new Glob(List.of(Glob.Wildcard.MANY, new Glob.Text("abc"))), cased));
            out.add(new ValueMatch.StringMatch(new Glob(List.of(Glob.Wildcard.ONE, new Glob.Text("abc"))), cased));
            out.add(new ValueMatch.StringMatch(new Glob(List.of(new Glob.Text("abc"), Glob.Wildcard.MANY)), cased));
            out.add(new ValueMatch.StringMatch(new Glob(List.of(new Glob.Text(null))), cased));
        }
        out.add(new ValueMatch.RegexMatch("abc", false, false, false));
        out.add(new ValueMatch.NumberCompare(ValueMatch.Comparison.GT, BigDecimal.ONE));
        out.add(new ValueMatch.CidrMatch("10.0.0.0/8"));
        out.add(new ValueMatch.Exists(true));
        return out;
    }

    @Test
    void valuesAreTheSameExactlyWhenTheRecordsAreEqual() {
        List<ValueMatch> a = samples();
        List<ValueMatch> b = samples(); // equal, not identical
        for (ValueMatch x : a) {
            for (ValueMatch y : b) {
                assertThat(SharedPredicates.same(x, y)).as("%s vs %s", x, y).isEqualTo(x.equals(y));
                if (x.equals(y)) {
                    assertThat(SharedPredicates.hash(x)).isEqualTo(SharedPredicates.hash(y));
                }
            }
        }
    }

    @Test
    void equalItemsShareOneCompiledPredicate() {
        SharedPredicates shared = new SharedPredicates();
        ValuePredicate first = shared.value(samples().get(3), false);
        assertThat(shared.value(samples().get(3), false)).isSameAs(first);
        assertThat(shared.value(samples().get(3), true)).isNotSameAs(first);
        assertThat(shared.value(samples().get(4), false)).isNotSameAs(first);
    }
}
