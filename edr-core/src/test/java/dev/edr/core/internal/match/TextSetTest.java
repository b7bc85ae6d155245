package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.Glob;
import dev.edr.core.rule.ValueMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The set test must answer exactly what testing the values one by one answers. */
class TextSetTest {
    private static ValueMatch value(String prefix, String text, String suffix) {
        List<Glob.Segment> seg = new ArrayList<>();
        if (!prefix.isEmpty()) seg.add(Glob.Wildcard.MANY);
        seg.add(new Glob.Text(text));
        if (!suffix.isEmpty()) seg.add(Glob.Wildcard.MANY);
        return new ValueMatch.StringMatch(Glob.of(seg), false);
    }

    @Test
    void onlyLongListsOfOnePlainCaseInsensitiveShape() {
        List<ValueMatch> suffixes = new ArrayList<>();
        for (int i = 0; i < 8; i++) suffixes.add(value("*", "\\x" + i + ".dll", ""));
        assertThat(TextSet.of(suffixes)).isNotNull();
        assertThat(TextSet.of(suffixes.subList(0, 7))).isNull();
        List<ValueMatch> mixed = new ArrayList<>(suffixes);
        mixed.set(3, value("", "c:\\x", "*"));
        assertThat(TextSet.of(mixed)).isNull();
        List<ValueMatch> contains = new ArrayList<>();
        for (int i = 0; i < 8; i++) contains.add(value("*", "x" + i, "*"));
        assertThat(TextSet.of(contains)).isNull();
        List<ValueMatch> cased = new ArrayList<>(suffixes);
        cased.set(0, new ValueMatch.StringMatch(Glob.of(List.of(Glob.Wildcard.MANY, new Glob.Text("A"))), true));
        assertThat(TextSet.of(cased)).isNull();
    }

    /** Random values over a small alphabet (shared prefixes and suffixes, repeats, hash collisions by chance). */
    @Test
    void agreesWithTheValuesOneByOne() {
        Random rnd = new Random(9);
        String alphabet = "abAB\\.:\u00e9\u0130";
        for (int round = 0; round < 600; round++) {
            int shape = round % 3;
            List<ValueMatch> values = new ArrayList<>();
            List<TextMatcher> oneByOne = new ArrayList<>();
            for (int i = 0, n = 8 + rnd.nextInt(40); i < n; i++) {
                String t = random(rnd, alphabet, 1 + rnd.nextInt(6));
                ValueMatch v = value(shape == 2 ? "*" : "", t, shape == 1 ? "*" : "");
                values.add(v);
                oneByOne.add(TextMatchers.compile(((ValueMatch.StringMatch) v).glob(), false));
            }
            TextSet set = TextSet.of(values);
            assertThat(set).isNotNull();
            for (int k = 0; k < 40; k++) {
                String text = random(rnd, alphabet, rnd.nextInt(9)).toLowerCase(Locale.ROOT);
                if (k % 4 == 0) { // a value itself, or one with more around it
                    String t = ((Glob.Text) ((ValueMatch.StringMatch) values.get(rnd.nextInt(values.size()))).glob()
                            .segments().stream().filter(x -> x instanceof Glob.Text).findFirst().orElseThrow()).text();
                    text = (random(rnd, alphabet, rnd.nextInt(2)) + t.toLowerCase(Locale.ROOT) + random(rnd, alphabet, rnd.nextInt(2)))
                            .toLowerCase(Locale.ROOT);
                }
                String x = text;
                boolean expected = oneByOne.stream().anyMatch(m -> m.matches(x));
                assertThat(set.matches(text)).as("%s against %s", text, values).isEqualTo(expected);
            }
        }
    }

    private static String random(Random rnd, String alphabet, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        return b.toString();
    }
}
