package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiteralChainTest {
    @Test
    void readsOnlyLiteralsJoinedByDotStar() {
        assertThat(LiteralChain.of("\\+.*\\+.*\\+", false, false)).isNotNull();
        assertThat(LiteralChain.of("`.*`", false, false)).isNotNull();
        assertThat(LiteralChain.of("ab", false, false)).isNull(); // one literal: RE2J's own literal search is fine
        assertThat(LiteralChain.of("a.*b", true, false)).isNull();
        assertThat(LiteralChain.of("a.*b", false, true)).isNull();
        assertThat(LiteralChain.of("a.*?b", false, false)).isNull();
        assertThat(LiteralChain.of("a.*\\db", false, false)).isNull();
        assertThat(LiteralChain.of(".*a.*b", false, false)).isNull();
        assertThat(LiteralChain.of("(?i)a.*b", false, false)).isNull();
        LiteralChain plus = LiteralChain.of("\\+.*\\+.*\\+", false, false);
        assertThat(plus.foundIn("a+b+c+")).isTrue();
        assertThat(plus.foundIn("a+b+\nc+")).isFalse();
        assertThat(plus.foundIn("++\n+++")).isTrue();
    }

    /** The same answer as RE2J's unanchored search, on random chains and texts with line breaks. */
    @Test
    void agreesWithRe2j() {
        String[] pieces = {"a", "b", "ab", "\\+", "\\{", "`", "\\^", "x y", "\\.", "-"};
        String[] alphabet = {"a", "b", "+", "{", "`", "^", "x", " ", "y", "\n", "\r", ".", "-", "é"};
        Random rnd = new Random(9);
        int matched = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder p = new StringBuilder(pieces[rnd.nextInt(pieces.length)]);
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) p.append(".*").append(pieces[rnd.nextInt(pieces.length)]);
            LiteralChain chain = LiteralChain.of(p.toString(), false, false);
            assertThat(chain).as(p.toString()).isNotNull();
            Pattern re = Pattern.compile(p.toString());
            for (int t = 0; t < 30; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = rnd.nextInt(25); k > 0; k--) text.append(alphabet[rnd.nextInt(alphabet.length)]);
                boolean expected = re.matcher(text).find();
                assertThat(chain.foundIn(text.toString())).as("%s on '%s'", p, text).isEqualTo(expected);
                if (expected) matched++;
            }
        }
        assertThat(matched).isGreaterThan(1000);
    }
}
