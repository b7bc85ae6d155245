package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BitRegexTest {
    private static final String ROBIN = "\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ \"']{1}";

    @Test
    void readsSequencesOfQuantifiedClasses() {
        for (String p : new String[] {ROBIN, "\\\\[a-zA-Z]{8}\\.tmp$", "^C:\\\\Users\\\\[^\\\\]+\\\\NTUSER\\.DAT$",
                "(?i)\\s-k\\s", "\\w+`", "a{2}b{0}c{1,}d{0,3}?e*?f+?g??", "[]a]", "[a-]", "[-a]", "[a-b-c]",
                "[\\d\\s.]", "[^\\W_]", "\\x41\\t\\n\\r\\f\\v", "\\_\\-\\/\\'\\\"", ".{3}x", "(?ims)^a$", "a{64}", "\\$$"}) {
            assertThat(BitRegex.of(p, false, false, false)).as(p).isNotNull();
        }
    }

    @Test
    void declinesAnythingElse() {
        for (String p : new String[] {"", "^", "$", "^$", "a|b", "(a)", "(?:a)b", "(?i:a)", "(?-i)a", "(?U)a", "a(?i)b",
                "\\p{L}", "\\pL", "\\Qa\\E", "\\ba", "\\Aa", "a\\z", "\\1", "\\0", "\\x{41}", "\\xe9", "é", "[é]",
                "[[:alpha:]]", "[a[]", "a**", "a+*", "a{2}{3}", "a{,3}", "a{3", "a{65}", "a{64}b", "a^b", "a$b", "]",
                "}", "{", "a{2,1}", "[\\p{L}]", "[\\b]", "[a-\\d]", "\\ ", "\\a", "\\C", "\\\\\\\\$x"}) {
            assertThat(BitRegex.of(p, false, false, false)).as(p).isNull();
        }
    }

    @Test
    void findsTheRaspberryRobinShape() {
        BitRegex robin = BitRegex.of(ROBIN, false, false, false);
        Pattern re = Pattern.compile(ROBIN);
        String[][] cases = {
            {"rundll32 \\\\10.0.0.1\\share\\abc.dll x", "false"}, // '\\10.0.0' has no quote or space after it
            {"msiexec /q /i \\\\host\\s\\file.msi.\"", "true"},
            {"cmd /c start \\a.b.'", "true"},
            {"cmd /c start \\a.b.x", "false"},
            {"\\" + "a".repeat(32) + ".b. ", "true"},
            {"\\" + "a".repeat(33) + ".b. ", "false"}, // the last 32 letters follow no backslash
            {"\\abc.abcdefg. ", "false"},
            {"\\abc.abcdef. ", "true"},
            {"\\\u00e9.b. ", "false"},
        };
        for (String[] c : cases) {
            boolean expected = Boolean.parseBoolean(c[1]);
            assertThat(re.matcher(c[0]).find()).as(c[0]).isEqualTo(expected);
            assertThat(robin.find(c[0])).as(c[0]).isEqualTo(expected);
        }
    }

    @Test
    void readsTextByCodePointAndFoldsLikeRe2() {
        assertThat(BitRegex.of("a.b", false, false, false).find("a\uD83D\uDE00b")).isTrue(); // one code point
        assertThat(BitRegex.of("a..b", false, false, false).find("a\uD83D\uDE00b")).isFalse();
        assertThat(BitRegex.of("a[^x]b", false, false, false).find("a\uD83D\uDE00b")).isTrue();
        assertThat(BitRegex.of("a\\Wb", false, false, false).find("a\uD83D\uDE00b")).isTrue();
        assertThat(BitRegex.of("a.b", false, false, false).find("a\nb")).isFalse();
        assertThat(BitRegex.of("a.b", false, false, true).find("a\nb")).isTrue();
        assertThat(BitRegex.of("a[^x]b", false, false, false).find("a\nb")).isTrue(); // RE2J: negated classes hold \n
        assertThat(BitRegex.of("k", true, false, false).find("\u212A")).isTrue();
        assertThat(BitRegex.of("\\w", true, false, false).find("\u017F")).isTrue();
        assertThat(BitRegex.of("\\W", true, false, false).find("\u017F")).isFalse();
        assertThat(BitRegex.of("\\W", false, false, false).find("\u017F")).isTrue();
        assertThat(BitRegex.of("[^k]", true, false, false).find("\u212A")).isFalse();
        assertThat(BitRegex.of("(?i)[a-c]", false, false, false).find("B")).isTrue();
    }

    @Test
    void anchorsAtTextOrLineEnds() {
        assertThat(BitRegex.of("^ab$", false, false, false).find("x\nab\ny")).isFalse();
        assertThat(BitRegex.of("^ab$", false, true, false).find("x\nab\ny")).isTrue();
        assertThat(BitRegex.of("ab$", false, false, false).find("ab\n")).isFalse(); // $ is \z, not Perl's \Z
        assertThat(BitRegex.of("^a*$", false, false, false).find("")).isTrue();
        assertThat(BitRegex.of("^a*$", false, true, false).find("b\n")).isTrue(); // the empty last line
        assertThat(BitRegex.of("^b", false, false, false).find("ab")).isFalse();
    }

    /** The same answer as RE2J's unanchored search on random patterns of the grammar and texts full of edge cases. */
    @Test
    void agreesWithRe2j() {
        String[] atoms = {"a", "b", "k", "s", "K", "S", "x", "-", " ", "_", "\\\\", "\\.", "\\-", "\\_", "\\t", "\\n", "\\x41",
                ".", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "[ab]", "[^ab]", "[a-c]", "[^a-c\\n]", "[k]", "[^k]", "[^s\\d]",
                "[\\w.]", "[]a]", "[a-]", "[^\\W]", "[^\\S\\n]", "[ \"']", "[K-S]", "[^\\x00-\\x7f]", "[\\s\\S]", "[.-\\\\]"};
        String[] counts = {"", "", "", "?", "*", "+", "{2}", "{0}", "{1,}", "{0,2}", "{1,3}", "{2,}", "{0,}", "{3,5}"};
        String[] alphabet = {"a", "b", "k", "s", "K", "S", "x", "-", " ", "\\", ".", "0", "1", "\n", "\r", "\t", "A", "_",
                "\"", "é", "\u212A", "\u017F", "\uD83D\uDE00", "\uD800", "\uDC00", "\u0130"};
        Random rnd = new Random(17);
        int cases = 0;
        int matched = 0;
        for (int n = 0; n < 6_000; n++) {
            StringBuilder p = new StringBuilder();
            boolean empty = true; // every item repeated {0} times: no position, and not read
            if (rnd.nextInt(6) == 0) p.append("^");
            for (int k = 1 + rnd.nextInt(5); k > 0; k--) {
                p.append(atoms[rnd.nextInt(atoms.length)]);
                String q = counts[rnd.nextInt(counts.length)];
                p.append(q);
                empty &= q.equals("{0}");
                if (!q.isEmpty() && rnd.nextInt(5) == 0) p.append('?');
            }
            if (rnd.nextInt(6) == 0) p.append("$");
            boolean fold = rnd.nextInt(4) == 0;
            boolean multiline = rnd.nextInt(4) == 0;
            boolean dotAll = rnd.nextInt(4) == 0;
            int flags = (fold ? Pattern.CASE_INSENSITIVE : 0) | (multiline ? Pattern.MULTILINE : 0)
                    | (dotAll ? Pattern.DOTALL : 0);
            Pattern re = Pattern.compile(p.toString(), flags);
            BitRegex bits = BitRegex.of(p.toString(), fold, multiline, dotAll);
            assertThat(bits == null).as(p.toString()).isEqualTo(empty);
            if (empty) continue;
            for (int t = 0; t < 25; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = rnd.nextInt(20); k > 0; k--) {
                    text.append(rnd.nextInt(3) > 0 ? alphabet[rnd.nextInt(8)] : alphabet[rnd.nextInt(alphabet.length)]);
                }
                boolean expected = re.matcher(text).find();
                assertThat(bits.find(text.toString())).as("%s (i=%s m=%s s=%s) on '%s'", p, fold, multiline, dotAll, text)
                        .isEqualTo(expected);
                cases++;
                if (expected) matched++;
            }
        }
        assertThat(cases).isGreaterThan(100_000);
        assertThat(matched).isBetween(cases / 5, cases - cases / 5);
    }
}
