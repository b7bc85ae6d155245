package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GlobPattern against java.util.regex on random globs and texts, surrogate pairs included (whole ones: the regex
 * engine never splits a pair, where a glob literal that is half a pair would). */
class GlobPatternTest {
    private static final String[] PIECES = {"a", "b", "ab", "ba", ">", "%", "\\", "\uD83D\uDE00", "é"};

    @Test
    void agreesWithARegexTranslation() {
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            List<Glob.Segment> segments = new ArrayList<>();
            StringBuilder regex = new StringBuilder("(?s)");
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(4);
                if (kind == 0) {
                    segments.add(Glob.Wildcard.MANY);
                    regex.append(".*");
                } else if (kind == 1) {
                    segments.add(Glob.Wildcard.ONE);
                    regex.append("(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|.)");
                } else {
                    String t = PIECES[random.nextInt(PIECES.length)];
                    segments.add(new Glob.Text(t));
                    regex.append(Pattern.quote(t));
                }
            }
            GlobPattern glob = new GlobPattern(segments);
            Pattern reference = Pattern.compile(regex.toString());
            for (int k = 0; k < 10; k++) {
                StringBuilder text = new StringBuilder();
                int len = random.nextInt(8);
                for (int i = 0; i < len; i++) text.append(PIECES[random.nextInt(PIECES.length)]);
                String t = text.toString();
                assertThat(glob.matches(t)).as("%s ~ %s", segments, t).isEqualTo(reference.matcher(t).matches());
            }
        }
    }
}
