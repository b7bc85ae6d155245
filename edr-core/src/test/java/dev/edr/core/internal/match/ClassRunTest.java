package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassRunTest {
    @Test
    void readsTheCountedClass() {
        ClassRun snake = ClassRun.of("\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}", false);
        assertThat(snake).isNotNull();
        assertThat(snake.length).isEqualTo(64);
        assertThat(snake.foundIn("x " + "ab12".repeat(16) + " y")).isTrue();
        assertThat(snake.foundIn("x " + "ab12".repeat(15) + "g" + "ab12")).isFalse();
        assertThat(ClassRun.of("\\d{10,}", false).length).isEqualTo(10);
        assertThat(ClassRun.of("[a-z]{20}|x", false)).isNull(); // a branch without it
        assertThat(ClassRun.of("(?i)[a-z]{20}", false)).isNull();
        assertThat(ClassRun.of("[a-z]{20}", true)).isNull(); // folding: the Kelvin sign matches k
        assertThat(ClassRun.of("([a-z]{20})?", false)).isNull(); // inside a group: maybe optional
        assertThat(ClassRun.of("\\Q[a-z]{20}\\E", false)).isNull();
        assertThat(ClassRun.of("[^a-z]{20}", false)).isNull();
        assertThat(ClassRun.of("[a-z]{3}", false)).isNull(); // too short to be worth a pass
    }

    /** The skipping search answers exactly what a plain count of consecutive members answers. */
    @Test
    void skippingSearchAgreesWithAPlainCount() {
        Random rnd = new Random(4);
        for (int length : new int[] {8, 9, 13, 64}) {
            ClassRun run = ClassRun.of("[a-c]{" + length + "}", false);
            for (int t = 0; t < 3_000; t++) {
                StringBuilder text = new StringBuilder();
                for (int i = 0, n = rnd.nextInt(3 * length); i < n; i++) {
                    text.append(rnd.nextInt(12) == 0 ? "x\u00e9".charAt(rnd.nextInt(2)) : "abc".charAt(rnd.nextInt(3)));
                }
                int best = 0;
                int current = 0;
                for (int i = 0; i < text.length(); i++) {
                    current = "abc".indexOf(text.charAt(i)) >= 0 ? current + 1 : 0;
                    best = Math.max(best, current);
                }
                assertThat(run.foundIn(text.toString())).as("%s, run of %d", text, length).isEqualTo(best >= length);
            }
        }
    }

    /** Soundness: whenever RE2J finds a match, the text has the run. */
    @Test
    void everyMatchHasTheRun() {
        String[] pieces = {"[a-c]{8}", "[a-c]{8,}", "[ab0-2]{9,12}", "\\d{8}", "x", "\\s", ".", "(a|b)", "[]a]{8}", "[a-]{8}",
                "?", "*", "[a-c]{8}?", "\\[", "\\d"};
        String[] alphabet = {"a", "b", "c", "0", "1", "2", "x", " ", "-", "]", "[", "\n", "é"};
        Random rnd = new Random(5);
        int checked = 0;
        for (int n = 0; n < 5_000; n++) {
            StringBuilder p = new StringBuilder();
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) p.append(pieces[rnd.nextInt(pieces.length)]);
            Pattern re;
            try {
                re = Pattern.compile(p.toString());
            } catch (RuntimeException e) {
                continue;
            }
            ClassRun run = ClassRun.of(p.toString(), false);
            if (run == null) continue;
            for (int t = 0; t < 40; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = rnd.nextInt(40); k > 0; k--) { // mostly class characters, so that runs and matches occur
                    text.append(rnd.nextInt(8) > 0 ? alphabet[rnd.nextInt(5)] : alphabet[rnd.nextInt(alphabet.length)]);
                }
                if (re.matcher(text).find()) {
                    assertThat(run.foundIn(text.toString())).as("%s on '%s'", p, text).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }
}
