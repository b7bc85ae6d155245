package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Searching only the tail {@link TailRegex} gives must find exactly what searching the whole text finds. */
class TailRegexTest {
    @Test
    void boundsTheTailOfEndAnchoredBoundedPatterns() {
        // SigmaHQ's Csc rules: the longest alternative (17) + '\' + 256 = 274 code points
        assertThat(TailRegex.tailChars("(?:[Pp]rogram[Dd]ata|%(?:[Ll]ocal)?[Aa]pp[Dd]ata%|\\\\[Aa]pp[Dd]ata\\\\"
                + "(?:[Ll]ocal(?:[Ll]ow)?|[Rr]oaming))\\\\[^\\\\]{1,256}$", false)).isEqualTo(2 * 274 + 2);
        assertThat(TailRegex.tailChars("abc$", false)).isEqualTo(8);
        assertThat(TailRegex.tailChars("(?i)a.c?$", false)).isEqualTo(8);
        assertThat(TailRegex.tailChars("a\\\\$", false)).isEqualTo(6); // an escaped backslash, then the anchor
        assertThat(TailRegex.tailChars("(a|bc|)x{2,3}$", false)).isEqualTo(2 * 5 + 2);
        assertThat(TailRegex.tailChars("\\x41\\x{1F600}\\.$", false)).isEqualTo(8);
    }

    @Test
    void leavesAloneWhatItCannotBoundOrWhatDependsOnContext() {
        for (String p : List.of("a+$", "a*$", "a{2,}$", "^a$", "\\Aa$", "\\ba$", "a\\B$", "a$|b$", "(?m)a$", "(?m:a)$",
                "abc", "a\\$", "a{,3}$", "(?P<n>a)$", "\\pLa$", "\\Qa\\E$", "a$b", "(a$)", "a{1,100}{1,100}$")) {
            assertThat(TailRegex.tailChars(p, false)).as(p).isEqualTo(-1);
        }
        assertThat(TailRegex.tailChars("abc$", true)).isEqualTo(-1); // multi-line: '$' before every line break
    }

    @Test
    void theTailFindsWhatTheWholeTextFinds() {
        String[] atoms = {"a", "b", "\\\\", "[ab]", "[^\\\\]", ".", "é", "\uD83D\uDE00", "(?:a|bb)", "(?:x|)", "\\x{1F600}"};
        String[] quantifiers = {"", "", "?", "{2}", "{1,3}", "{0,2}?"};
        String[] alphabet = {"a", "b", "\\", "x", "é", "\uD83D\uDE00", "\n", "B"};
        Random random = new Random(13);
        int cut = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder p = new StringBuilder(random.nextBoolean() ? "(?i)" : "");
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                p.append(atoms[random.nextInt(atoms.length)]).append(quantifiers[random.nextInt(quantifiers.length)]);
            }
            String pattern = p.append('$').toString();
            int tail = TailRegex.tailChars(pattern, false);
            assertThat(tail).as(pattern).isGreaterThan(0);
            Pattern compiled = Pattern.compile(pattern, random.nextBoolean() ? Pattern.DOTALL : 0);
            StringBuilder t = new StringBuilder();
            for (int k = random.nextInt(3 * tail); k > 0; k--) t.append(alphabet[random.nextInt(alphabet.length)]);
            // the same text, its end a match's most of the time
            String text = random.nextBoolean() ? t.toString() : t + "bb\uD83D\uDE00a";
            String searched = text.length() > tail ? text.substring(text.length() - tail) : text;
            if (searched != text) cut++;
            assertThat(compiled.matcher(searched).find()).as("%s in %s", pattern, text)
                    .isEqualTo(compiled.matcher(text).find());
        }
        assertThat(cut).isGreaterThan(1000); // the cut was exercised
    }
}
