package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexLiteralsTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "NULL", value = {
            "ipconfig\\s+/all; ipconfig",
            "\\\\[a-z]{1,64}\\.exe; .exe",
            "'https?://0[0-9]{1,11}'; http",
            "(?i)\\s(-u|--user)\\s*:; :",
            "ab(?i)cd; NULL",
            "abc|defg; abc,defg",
            "abc|[0-9]+; NULL",
            "ab*cd; cd",
            "Foo.Bar; foo",
            "\\x41bc; NULL",
            "a{2}bcd; bcd",
            "a{x}; NULL",
            "(ab|cd)efg; efg",
            "\\Qab|c\\E; NULL",
            "[]abc]xyz; xyz",
            "x[[:alpha:]]yz; yz"
    })
    void findsRequiredLiterals(String pattern, String expected) {
        List<String> literals = RegexLiterals.required(pattern, false);
        if (expected == null) {
            assertThat(literals).isNull();
        } else {
            assertThat(literals).containsExactly(expected.split(","));
        }
    }

    @Test
    void caseFoldingNeverKeepsAnSBecauseLongSMatchesIt() {
        assertThat(RegexLiterals.required("process", true)).containsExactly("proce");
        assertThat(RegexLiterals.required("(?i)process", false)).containsExactly("proce");
        assertThat(RegexLiterals.requiredRuns("cmd.{0,5}(?:/c|/r)(?:\\s|)\"set\\s[a-z]{3}x", true))
                .containsExactly("cmd", "\"", "et", "x");
        assertThat(RegexLiterals.requiredRuns("a|b", false)).isNull();
        assertThat(Pattern.compile("(?i)s").matcher("\u017f").find()).isTrue();
    }

    @Test
    void shortClassesSpellARunOut() {
        assertThat(RegexLiterals.requiredRunChoices("\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ \"']{1}", false))
                .containsExactly(List.of("\\"), List.of("."), List.of(". ", ".\"", ".'"));
        assertThat(RegexLiterals.requiredRunChoices("ab[cD]e", false)).containsExactly(List.of("abce", "abde"));
        assertThat(RegexLiterals.requiredRunChoices("a[bB]c", false)).containsExactly(List.of("abc"));
        // not spelled out: a quantified class, a range, a negation, a folded s (U+017F matches it), too many texts
        assertThat(RegexLiterals.requiredRunChoices("a[bc]*d", false)).containsExactly(List.of("a"), List.of("d"));
        assertThat(RegexLiterals.requiredRunChoices("a[b-d]e", false)).containsExactly(List.of("a"), List.of("e"));
        assertThat(RegexLiterals.requiredRunChoices("a[^b]e", false)).containsExactly(List.of("a"), List.of("e"));
        assertThat(RegexLiterals.requiredRunChoices("a[sx]b", true)).containsExactly(List.of("a"), List.of("b"));
        assertThat(RegexLiterals.requiredRunChoices("x[ab][cd][ef][gh]", false)).singleElement()
                .satisfies(texts -> assertThat(texts).hasSize(8).contains("xace", "xbdf"));
        assertThat(RegexLiterals.requiredRunChoices("a|b", false)).isNull();
    }

    @Test
    void groupsThatAMatchCannotSkipRequireOneTextOfEachBranch() {
        // SigmaHQ's suspicious-folder regex of the csc.exe rules: its only run outside the group is a backslash
        assertThat(RegexLiterals.requiredGroups("(?:[Pp]rogram[Dd]ata|%(?:[Ll]ocal)?[Aa]pp[Dd]ata%|\\\\[Aa]pp[Dd]ata"
                + "\\\\(?:[Ll]ocal(?:[Ll]ow)?|[Rr]oaming))\\\\[^\\\\]{1,256}$", false))
                .containsExactly(List.of("programdata", "appdata%", "\\appdata\\"));
        assertThat(RegexLiterals.requiredGroups("(?i)(?:set).*&&\\s?set.*(?:environment|invoke|\\$\\{?input).*&&.*\"",
                false)).containsExactly(List.of("et"), List.of("environment", "invoke", "input")); // no folded s
        assertThat(RegexLiterals.requiredGroups("(bc|de)+x", false)).containsExactly(List.of("bc", "de"));
        assertThat(RegexLiterals.requiredGroups("(?P<n>ab|c[dD])", false)).containsExactly(List.of("ab", "cd"));
        assertThat(RegexLiterals.requiredGroups("a(?i:xy|z)", false)).containsExactly(List.of("xy", "z"));
        // skippable groups, a branch without a run, flag groups, top-level branches, unreadable patterns: nothing
        assertThat(RegexLiterals.requiredGroups("a(?:bc|de)?f", false)).isEmpty();
        assertThat(RegexLiterals.requiredGroups("a(bc|de)*", false)).isEmpty();
        assertThat(RegexLiterals.requiredGroups("a(bc|de){0,2}", false)).isEmpty();
        assertThat(RegexLiterals.requiredGroups("(bc|d*)", false)).isEmpty();
        assertThat(RegexLiterals.requiredGroups("(?i)abc", false)).isEmpty();
        assertThat(RegexLiterals.requiredGroups("x|(bc)", false)).isEmpty();
        assertThat(RegexLiterals.requiredGroups("\\Q(ab)\\E", false)).isEmpty();
        assertThat(RegexLiterals.requiredGroups("a(?i)(bc)", false)).isEmpty();
        assertThat(RegexLiterals.requiredGroups("\\(ab\\)[(]", false)).isEmpty();
    }

    /** Soundness: whenever RE2J finds a match, the lower-cased text contains every branch literal of some branch. */
    @Test
    void everyMatchContainsTheLiteralOfItsBranch() {
        String[] pieces = {"a", "b", "S", "s", "\\.", ".", "x*", "(a|b)", "[a-c]", "\\d", "+", "?", "ab", "|", "\\s", "k",
                "(?i)", "{2}", "^", "$", "\u017f", "[ab]", "[. ']", "[sK]", "{1}", "[bA]", "(?:ab|k)", "(sa|[bA]\\.)",
                "(?i:b|Ks)", "(?P<n>a.|b)", "(", ")", "{0,1}"};
        String[] texts = {"", "ab", "AB.x", "aab", "s", "S", "\u017f", "k", "K", "\u212a", "ab1 ss", "a.b.c", "xxab",
                "b|a", "abab.ab", "SS\u017fss", "a. b'", "ba.'a", "A b.B a", "\u017fk\u212aK s"};
        Random rnd = new Random(7);
        int checked = 0;
        int spelled = 0;
        int grouped = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder p = new StringBuilder();
            for (int k = 1 + rnd.nextInt(5); k > 0; k--) p.append(pieces[rnd.nextInt(pieces.length)]);
            boolean ignoreCase = rnd.nextBoolean();
            Pattern re;
            try {
                re = Pattern.compile(p.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            } catch (RuntimeException e) {
                continue;
            }
            List<String> literals = RegexLiterals.required(p.toString(), ignoreCase);
            if (literals == null) continue;
            List<String> runs = RegexLiterals.requiredRuns(p.toString(), ignoreCase);
            List<List<String>> choices = RegexLiterals.requiredRunChoices(p.toString(), ignoreCase);
            List<List<String>> groups = RegexLiterals.requiredGroups(p.toString(), ignoreCase);
            for (String t : texts) {
                if (re.matcher(t).find()) {
                    String lowered = t.toLowerCase(Locale.ROOT);
                    assertThat(literals.stream().anyMatch(lowered::contains)).as("%s on '%s' -> %s", p, t, literals)
                            .isTrue();
                    if (runs != null) { // without branches, every run is required
                        assertThat(runs).as("%s on '%s' -> runs %s", p, t, runs).allMatch(lowered::contains);
                    }
                    if (choices != null) { // and one of the texts of every spelled-out run
                        assertThat(choices).as("%s on '%s' -> choices %s", p, t, choices)
                                .allMatch(run -> run.stream().anyMatch(lowered::contains));
                        spelled += choices.stream().anyMatch(run -> run.size() > 1) ? 1 : 0;
                    }
                    assertThat(groups).as("%s on '%s' -> groups %s", p, t, groups)
                            .allMatch(group -> group.stream().anyMatch(lowered::contains));
                    grouped += groups.isEmpty() ? 0 : 1;
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(spelled).as("matches checked against runs of several texts").isGreaterThan(100);
        assertThat(grouped).as("matches checked against required groups").isGreaterThan(100);
    }
}
