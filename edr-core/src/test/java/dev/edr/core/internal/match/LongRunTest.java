package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongRunTest {
    @Test
    void recognizesOnlyTheCountedDotShapes() {
        assertThat(LongRun.minimum(".{1000,}")).isEqualTo(1000);
        assertThat(LongRun.minimum("(.){200,}")).isEqualTo(200);
        assertThat(LongRun.minimum(".{3,5}")).isEqualTo(3);
        assertThat(LongRun.minimum("^.{3,}")).isEqualTo(-1);
        assertThat(LongRun.minimum("a.{3,}")).isEqualTo(-1);
        assertThat(LongRun.minimum(".{3}")).isEqualTo(-1);
    }

    /** Agrees with RE2J on texts with line feeds, carriage returns and surrogate pairs. */
    @Test
    void agreesWithRe2j() {
        String[] pieces = {"a", "\n", "\r", "\uD83D\uDE00", "bc", "\uD800", " "};
        Random rnd = new Random(3);
        for (int n = 0; n < 5000; n++) {
            StringBuilder t = new StringBuilder();
            for (int k = rnd.nextInt(12); k > 0; k--) t.append(pieces[rnd.nextInt(pieces.length)]);
            int min = rnd.nextInt(6);
            String pattern = rnd.nextBoolean() ? ".{" + min + ",}" : "(.){" + min + "," + (min + rnd.nextInt(3)) + "}";
            boolean dotAll = rnd.nextBoolean();
            boolean expected = Pattern.compile(pattern, dotAll ? Pattern.DOTALL : 0).matcher(t).find();
            assertThat(LongRun.hasRun(t.toString(), LongRun.minimum(pattern), dotAll))
                    .as("%s on %s (dotall %s)", pattern, t, dotAll).isEqualTo(expected);
        }
    }
}
