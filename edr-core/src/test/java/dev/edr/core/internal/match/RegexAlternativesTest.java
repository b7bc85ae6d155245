package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RegexAlternativesTest {
    private static final String RUNDLL_ADS = "[Rr][Uu][Nn][Dd][Ll][Ll]32(?:\\.[Ee][Xx][Ee])? \\S+?\\w:\\S+?:";
    private static final String STDIN_LAUNCHER = "cmd.{0,5}(?:/c|/r).+powershell.+(?:\\$\\{?input\\}?|noexit).+\\\"";
    private static final String VIA_STDIN = "(?i)(?:set).*&&\\s?set.*(?:environment|invoke|\\$\\{?input).*&&.*\"";

    @Test
    void spellsOutTheChoicesOfItsGroups() {
        assertThat(RegexAlternatives.spellOut(RUNDLL_ADS)).containsExactly(
                "[Rr][Uu][Nn][Dd][Ll][Ll]32\\.[Ee][Xx][Ee] \\S+?\\w:\\S+?:", "[Rr][Uu][Nn][Dd][Ll][Ll]32 \\S+?\\w:\\S+?:");
        assertThat(RegexAlternatives.spellOut(STDIN_LAUNCHER)).hasSize(4)
                .contains("cmd.{0,5}/r.+powershell.+noexit.+\\\"");
        assertThat(RegexAlternatives.spellOut(VIA_STDIN)).containsExactly(
                "(?i)set.*&&\\s?set.*environment.*&&.*\"", "(?i)set.*&&\\s?set.*invoke.*&&.*\"",
                "(?i)set.*&&\\s?set.*\\$\\{?input.*&&.*\"");
        assertThat(RegexAlternatives.spellOut("a(?P<x>b|c)d|(?<y>e)")).containsExactly("abd", "acd", "e");
        assertThat(RegexAlternatives.spellOut("^(?:a|(?:b|))?c")).containsExactly("^ac", "^bc", "^c");
        // bounded counts: that many copies, each choosing for itself
        assertThat(RegexAlternatives.spellOut("x(?:a|b){2}y")).containsExactly("xaay", "xaby", "xbay", "xbby");
        assertThat(RegexAlternatives.spellOut("x(?:ab){0,2}?y")).containsExactly("xy", "xaby", "xababy");
        assertThat(RegexAlternatives.spellOut("(?:0[0-9]{1,11}\\.){3}0")).containsExactly(
                "0[0-9]{1,11}\\.0[0-9]{1,11}\\.0[0-9]{1,11}\\.0");
        for (String p : List.of("https?://(?:0[0-9]{1,11}\\.){3}0[0-9]{1,11}", "\\$env:ComSpec\\[(?:\\s*\\d{1,3}\\s*,){2}")) {
            assertThat(RegexAlternatives.of(p, false, false, false)).as(p).isNotNull();
        }
        for (String p : List.of(RUNDLL_ADS, STDIN_LAUNCHER, VIA_STDIN)) {
            assertThat(RegexAlternatives.of(p, false, false, false)).as(p).isNotNull();
        }
    }

    @Test
    void declinesWhatItDoesNotRead() {
        for (String p : List.of("abc", "a[bc]d{2}", "(ab)*", "(ab)+c", "(a|b){2,}", "(a|b){x}", "(a|b){5}", "(a){17}",
                "(a){3,2}", "(?i:a)b", "a(?i)b", "a(?=b)",
                "\\Q(a|b)\\E", "(a|b)x{", "(a|b){x", "(a|b)(c|d)(e|f)(g|h)(i|j)", "(a|b)[]x]",
                "(a|b)\\p{Greek}")) {
            assertThat(RegexAlternatives.spellOut(p)).as(p).isNull();
        }
        assertThat(RegexAlternatives.spellOut("(?:".repeat(100_000) + "a" + ")".repeat(100_000))).isNull(); // no deep stack
        assertThat(RegexAlternatives.spellOut("(?:".repeat(16) + "a|b" + ")".repeat(16))).containsExactly("a", "b");

        // spelled out, but an alternative is not of BitRegex's shape
        assertThat(RegexAlternatives.spellOut("a(?:$|b)c")).containsExactly("a$c", "abc");
        assertThat(RegexAlternatives.of("a(?:$|b)c", false, false, false)).isNull();
        assertThat(RegexAlternatives.of("(?:a|b\\b)", false, false, false)).isNull();
        // an escape's braces stay with it, never taken for a count the next piece could complete
        assertThat(RegexAlternatives.spellOut("(a|b)\\x{41}")).containsExactly("a\\x{41}", "b\\x{41}");
    }

    /**
     * A hostile pack's long pattern costs its length: joined item by item, these 800,000 items took 80 s (a guard
     * against that quadratic cost coming back, not a speed measurement: the linear reading takes milliseconds).
     */
    @Test
    @Timeout(60)
    void aLongPatternCostsItsLength() {
        String longRun = "x".repeat(400_000);
        assertThat(RegexAlternatives.spellOut("(?:a|b)" + longRun + "(?:c|d)" + longRun))
                .containsExactly("a" + longRun + "c" + longRun, "a" + longRun + "d" + longRun,
                        "b" + longRun + "c" + longRun, "b" + longRun + "d" + longRun);
    }

    @Test
    void findsWhatRe2jFindsInSigmaHqShapes() {
        RegexAlternatives ads = RegexAlternatives.of(RUNDLL_ADS, false, false, false);
        Pattern re = Pattern.compile(RUNDLL_ADS);
        for (String t : List.of("rundll32.exe c:\\x:y.dll:Run", "RUNDLL32 a\\b:c:d", "rundll32.exe c:\\temp\\x.dll,Run",
                "rundll32 x", "rundll32.exe  c:a:", "rundll32.EXE c:\\ads.txt:lib.dll,Entry")) {
            assertThat(ads.find(t)).as(t).isEqualTo(re.matcher(t).find());
        }
        RegexAlternatives launcher = RegexAlternatives.of(STDIN_LAUNCHER, false, false, false);
        Pattern launcherRe = Pattern.compile(STDIN_LAUNCHER);
        for (String t : List.of("cmd.exe /c echo x | powershell -noexit -\"", "cmd /r  powershell  ${input} \"",
                "cmd /c powershell noexit", "cmd.exe /k powershell -noexit \"x\"")) {
            assertThat(launcher.find(t)).as(t).isEqualTo(launcherRe.matcher(t).find());
        }
    }

    /**
     * Random patterns of BitRegex's items and of groups holding alternatives (nested, optional, counted, lazy,
     * capturing or not, with anchors at either end and inline flags): wherever they are read, RE2J's answer on random
     * texts.
     */
    @Test
    void agreesWithRe2j() {
        String[] atoms = {"a", "b", "k", "s", "K", "-", " ", "\\s", "\\w", "\\d", "[ab]", "[^a]", ".", "\\.", "x"};
        String[] counts = {"", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}", "+?"};
        String[] alphabet = {"a", "b", "k", "s", "K", "-", " ", ".", "x", "1", "\n", "S", "\u212A"};
        Random rnd = new Random(41);
        int read = 0;
        long cases = 0;
        long matched = 0;
        for (int n = 0; n < 6_000; n++) {
            String body = sequence(rnd, atoms, counts, 0);
            String p = (rnd.nextInt(6) == 0 ? "^" : "") + body + (rnd.nextInt(6) == 0 ? "$" : "");
            if (rnd.nextInt(6) == 0) p = sequence(rnd, atoms, counts, 1) + "|" + p;
            boolean fold = rnd.nextInt(4) == 0;
            boolean multiline = rnd.nextInt(5) == 0;
            boolean dotAll = rnd.nextInt(5) == 0;
            String inline = (fold ? "i" : "") + (multiline ? "m" : "") + (dotAll ? "s" : "");
            boolean asGroup = !inline.isEmpty() && rnd.nextBoolean();
            if (asGroup) p = "(?" + inline + ")" + p;
            int flags = asGroup ? 0 : (fold ? Pattern.CASE_INSENSITIVE : 0) | (multiline ? Pattern.MULTILINE : 0)
                    | (dotAll ? Pattern.DOTALL : 0);
            Pattern re = Pattern.compile(p, flags);
            RegexAlternatives alternatives = asGroup ? RegexAlternatives.of(p, false, false, false)
                    : RegexAlternatives.of(p, fold, multiline, dotAll);
            if (alternatives == null) continue;
            read++;
            for (int t = 0; t < 25; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = rnd.nextInt(14); k > 0; k--) text.append(alphabet[rnd.nextInt(alphabet.length)]);
                boolean expected = re.matcher(text).find();
                assertThat(alternatives.find(text.toString())).as("%s (flags %d) on '%s'", p, flags, text)
                        .isEqualTo(expected);
                cases++;
                if (expected) matched++;
            }
        }
        assertThat(read).isGreaterThan(1_500);
        assertThat(matched).isBetween(cases / 10, cases - cases / 10);
    }

    private static int names;

    private static String sequence(Random rnd, String[] atoms, String[] counts, int depth) {
        StringBuilder p = new StringBuilder();
        for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
            if (depth < 2 && rnd.nextInt(3) == 0) {
                String open = switch (rnd.nextInt(3)) {
                    case 0 -> "(";
                    case 1 -> "(?:";
                    default -> "(?P<g" + names++ + ">"; // unique: RE2 refuses a name used twice
                };
                p.append(open).append(sequence(rnd, atoms, counts, depth + 1));
                for (int a = rnd.nextInt(3); a > 0; a--) {
                    p.append('|').append(rnd.nextInt(5) == 0 ? "" : sequence(rnd, atoms, counts, depth + 1));
                }
                p.append(')').append(switch (rnd.nextInt(8)) {
                    case 0 -> "?";
                    case 1 -> "??";
                    case 2 -> "{2}";
                    case 3 -> "{0,2}";
                    case 4 -> "{1,3}?";
                    default -> "";
                });
            } else {
                p.append(atoms[rnd.nextInt(atoms.length)]).append(counts[rnd.nextInt(counts.length)]);
            }
        }
        return p.toString();
    }
}
