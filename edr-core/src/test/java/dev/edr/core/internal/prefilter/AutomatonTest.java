package dev.edr.core.internal.prefilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact layout's edge cases: large automata, duplicate needles, nodes past the 16-bit dense rows. */
class AutomatonTest {
    @Test
    void rankedNodeSetsAgreeWithAPlainCount() {
        Random rnd = new Random(7);
        BitSet members = new BitSet();
        for (int n = 0; n < 1000; n++) {
            if (rnd.nextInt(5) == 0) members.set(n);
        }
        NodeBits bits = new NodeBits(1000, members::get);
        assertThat(bits.size()).isEqualTo(members.cardinality());
        for (int n = 0; n < 1000; n++) {
            assertThat(bits.contains(n)).isEqualTo(members.get(n));
            assertThat(bits.rank(n)).isEqualTo(members.get(0, n).cardinality());
        }
    }

    /**
     * 40,000 needles starting with two of 100 and 400 non-ASCII (caseless CJK) characters give the shallow nodes more
     * children than a 16-bit dense entry can name, so the dense rows must shrink; needles are still all found.
     */
    @Test
    void findsNeedlesBeyondWhatDenseRowsCanName() {
        List<String> needles = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) needles.add("" + (char) (0x4e00 + i % 100) + (char) (0x5000 + i / 100) + "x" + i);
        needles.add("abc");
        needles.add("bc");
        needles.add("bc"); // a duplicate reports each of its values
        int[] values = new int[needles.size()];
        for (int i = 0; i < values.length; i++) values[i] = i;
        Automaton a = new Automaton(needles, values, true);
        assertThat(a.nodeCount()).isGreaterThan(Short.MAX_VALUE);

        assertThat(contains(a, "xxABCxx")).containsExactly(40_000, 40_001, 40_002);
        assertThat(contains(a, needles.get(5) + " " + needles.get(39_999), true)).containsExactly(5, 39_999);
        assertThat(contains(a, "a" + needles.get(777) + "bc", true)).containsExactly(777, 40_001, 40_002);
    }

    /** Random needles over a small alphabet: deep tries with long failure and dictionary chains. */
    @Test
    void largeAutomataReportExactlyWhatASearchFinds() {
        Random rnd = new Random(11);
        List<String> needles = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) needles.add(random(rnd, 1 + rnd.nextInt(12)));
        int[] values = new int[needles.size()];
        for (int i = 0; i < values.length; i++) values[i] = i;
        Automaton contains = new Automaton(needles, values, true);
        Automaton prefixes = new Automaton(needles, values, false);
        for (int t = 0; t < 300; t++) {
            String text = random(rnd, rnd.nextInt(40));
            List<Integer> inside = new ArrayList<>();
            List<Integer> starting = new ArrayList<>();
            for (int i = 0; i < needles.size(); i++) {
                if (text.contains(needles.get(i))) inside.add(i);
                if (text.startsWith(needles.get(i))) starting.add(i);
            }
            assertThat(contains(contains, text)).as(text).isEqualTo(inside);
            assertThat(contains(contains, text, true)).as(text).isEqualTo(inside);
            List<Integer> hits = new ArrayList<>();
            assertThat(prefixes.scanPrefixes(text, false, hits::add)).isTrue();
            assertThat(hits.stream().sorted().toList()).as(text).isEqualTo(starting);
        }
    }

    private static List<Integer> contains(Automaton a, String text) {
        return contains(a, text, false);
    }

    private static List<Integer> contains(Automaton a, String text, boolean exact) {
        List<Integer> hits = new ArrayList<>();
        assertThat(a.scanContains(text, exact, hits::add)).isTrue();
        return hits.stream().distinct().sorted().toList();
    }

    private static String random(Random rnd, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) b.append("abc.".charAt(rnd.nextInt(4)));
        return b.toString();
    }
}
