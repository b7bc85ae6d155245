package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.re2j.Pattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
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

    /** Every code point, surrogates alone included: folding ASCII reaches no other code point than RE2J says. */
    @Test
    void classesAgreeWithRe2jOnEveryCodePoint() {
        for (String p : new String[] {"(?i)[\\x00-\\x7f]", "(?i)\\W", "(?i)[^\\dk]", "[^a]", ".", "\\S"}) {
            Pattern re = Pattern.compile(p);
            BitRegex bits = BitRegex.of(p, false, false, false);
            for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
                String text = Character.toString(cp);
                if (bits.find(text) != re.matcher(text).find()) {
                    assertThat(bits.find(text)).as("%s on U+%04X", p, cp).isEqualTo(re.matcher(text).find());
                }
            }
        }
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

    /** What may follow a match's last required character is left out of an unanchored search, groups included. */
    @Test
    void leavesOutWhatMayFollowTheLastRequiredCharacter() {
        String[][] cases = {
            {"a(b)?", "a"}, {"a(b)(c)?", "a(b)"}, {"a(b)", "a(b)"}, {"(b)?", "(b)?"}, {"a(b)?$", "a(b)?$"},
            {"a[(](b)?", "a[(]"}, {"a\\((b)?", "a\\("}, {"a(b|c)*?", "a"}, {"a(b){0,3}", "a"}, {"a(b){0,}", "a"},
            {"a(b){1,3}", "a(b){1,3}"}, {"a[]()](b)?", "a[]()](b)?"}, {"a\\Q(\\E(b)?", "a\\Q(\\E(b)?"},
            {"a(b)?(c)*", "a"}, {"a((b)?)?", "a"}, {"a(b)?c", "a(b)?c"},
        };
        for (String[] c : cases) {
            assertThat(BitRegex.withoutOptionalGroupAtEnd(c[0])).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(BitRegex.withoutOptionalGroupAtEnd("a" + "(b)?".repeat(50_000))).isEqualTo("a"); // one pass
        String svchost = "-k\\s\\w{1,64}(?:\\s?(?:-p|-s))?"; // SigmaHQ's uncommon svchost parameter filter
        BitRegex bits = BitRegex.of(svchost, false, false, false);
        assertThat(bits).isNotNull();
        Pattern re = Pattern.compile(svchost);
        for (String t : new String[] {"svchost.exe -k netsvcs -p", "svchost.exe -k", "svchost.exe -k ", "-k  x", "-k\tx",
                "c:\\windows\\system32\\svchost.exe -k LocalServiceNoNetwork", "-kx y", "", "-K x"}) {
            assertThat(bits.find(t)).as(t).isEqualTo(re.matcher(t).find());
        }
    }

    /**
     * Random patterns of the grammar followed by a group that may match nothing (holding what this class does not
     * read: alternation, nested groups), with and without an end anchor: RE2J's answer either way.
     */
    @Test
    void agreesWithRe2jWithoutTheOptionalTail() {
        String[] atoms = {"a", "b", "k", "-", " ", "\\s", "\\w", "\\d", "[ab]", "[^a]", "."};
        String[] counts = {"", "", "?", "*", "+", "{2}", "{0}", "{1,3}", "{0,2}", "{2,}"};
        String[] tails = {"(?:a|b)?", "(b)*", "(?:\\s?(?:-p|-s))?", "(ab){0,2}", "(?:a(b)?)*?", "(x|y){0}", ""};
        String[] alphabet = {"a", "b", "k", "-", " ", "p", "s", "x", "1", "\n"};
        Random rnd = new Random(29);
        int read = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder p = new StringBuilder();
            for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                p.append(atoms[rnd.nextInt(atoms.length)]).append(counts[rnd.nextInt(counts.length)]);
            }
            p.append(tails[rnd.nextInt(tails.length)]);
            if (rnd.nextInt(5) == 0) p.append('$');
            Pattern re = Pattern.compile(p.toString());
            BitRegex bits = BitRegex.of(p.toString(), false, false, false);
            if (bits == null) continue;
            read++;
            for (int t = 0; t < 20; t++) {
                StringBuilder text = new StringBuilder();
                for (int k = rnd.nextInt(12); k > 0; k--) text.append(alphabet[rnd.nextInt(alphabet.length)]);
                assertThat(bits.find(text.toString())).as("%s on '%s'", p, text).isEqualTo(re.matcher(text).find());
            }
        }
        assertThat(read).isGreaterThan(1_500);
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
            String inline = (fold ? "i" : "") + (multiline ? "m" : "") + (dotAll ? "s" : "");
            if (!inline.isEmpty() && rnd.nextBoolean()) { // the same flags as a leading group
                p.insert(0, "(?" + inline + ")");
                flags = 0;
            }
            Pattern re = Pattern.compile(p.toString(), flags);
            BitRegex bits = flags == 0 ? BitRegex.of(p.toString(), false, false, false)
                    : BitRegex.of(p.toString(), fold, multiline, dotAll);
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

    /**
     * Every {@code |re} value of the SigmaHQ corpus that this class reads gives RE2J's answer on every distinct string
     * of the evtx sample dataset. The values are picked out of the YAML by line, which is enough for a test: a value
     * read wrongly is still a pattern to check, or one RE2J rejects and that is skipped.
     */
    @Test
    void agreesWithRe2jOnTheCorpusRegexesAndDataset() throws IOException {
        List<String> texts = datasetStrings();
        Set<String> read = new LinkedHashSet<>();
        int compared = 0;
        for (CorpusRegex r : compilableCorpusRegexes()) {
            BitRegex bits = BitRegex.of(r.pattern(), r.fold(), r.multiline(), r.dotAll());
            if (bits == null || !read.add(r.flags() + " " + r.pattern())) continue;
            for (String t : texts) {
                assertThat(bits.find(t)).as("%s on '%s'", r.pattern(), t).isEqualTo(r.re().matcher(t).find());
                compared++;
            }
        }
        assertThat(read).contains(" " + ROBIN).hasSizeGreaterThan(80);
        assertThat(texts).hasSizeGreaterThan(10_000);
        assertThat(compared).isEqualTo(read.size() * texts.size());
    }

    /** The same for the corpus values that only {@link RegexAlternatives} reads (groups choosing between shapes). */
    @Test
    void alternativesAgreeWithRe2jOnTheCorpusRegexesAndDataset() throws IOException {
        List<String> texts = datasetStrings();
        Set<String> read = new LinkedHashSet<>();
        long matched = 0;
        for (CorpusRegex r : compilableCorpusRegexes()) {
            if (BitRegex.of(r.pattern(), r.fold(), r.multiline(), r.dotAll()) != null) continue;
            RegexAlternatives alternatives = RegexAlternatives.of(r.pattern(), r.fold(), r.multiline(), r.dotAll());
            if (alternatives == null || !read.add(r.flags() + " " + r.pattern())) continue;
            for (String t : texts) {
                boolean expected = r.re().matcher(t).find();
                assertThat(alternatives.find(t)).as("%s on '%s'", r.pattern(), t).isEqualTo(expected);
                if (expected) matched++;
            }
        }
        assertThat(read).hasSizeGreaterThan(20);
        assertThat(matched).isPositive();
    }

    /** A corpus {@code |re} value with its sub-modifiers ({@code flags}) and as RE2J compiles it. */
    private record CorpusRegex(String pattern, String flags, boolean fold, boolean multiline, boolean dotAll,
            Pattern re) {}

    /** The corpus values RE2J compiles (the test is skipped without the shared corpus and dataset). */
    private static List<CorpusRegex> compilableCorpusRegexes() throws IOException {
        Optional<Path> sigma = shared("sigma");
        Assumptions.assumeTrue(sigma.isPresent(), "shared corpus not found beside the repository");
        List<CorpusRegex> out = new ArrayList<>();
        for (String[] value : corpusRegexes(sigma.get())) {
            String flags = value[1];
            boolean fold = flags.contains("i"), multiline = flags.contains("m"), dotAll = flags.contains("s");
            try {
                out.add(new CorpusRegex(value[0], flags, fold, multiline, dotAll, Pattern.compile(value[0],
                        (fold ? Pattern.CASE_INSENSITIVE : 0) | (multiline ? Pattern.MULTILINE : 0)
                                | (dotAll ? Pattern.DOTALL : 0))));
            } catch (RuntimeException e) {
                // a value picked out of the YAML wrongly, or one RE2J rejects: nothing to compare
            }
        }
        return out;
    }

    /** Every distinct string of the evtx sample dataset (the test is skipped without it). */
    private static List<String> datasetStrings() throws IOException {
        Optional<Path> dataset = shared("datasets").map(d -> d.resolve("evtx-attack-samples.jsonl"));
        Assumptions.assumeTrue(dataset.isPresent() && Files.isRegularFile(dataset.get()),
                "shared dataset not found beside the repository");
        return datasetStrings(dataset.get());
    }

    private static final java.util.regex.Pattern RE_KEY =
            java.util.regex.Pattern.compile("^(\\s*)(?:-\\s+)?[^\\s#][^:]*\\|re((?:\\|[a-z]+)*):\\s*(.*)$");
    private static final java.util.regex.Pattern LIST_ITEM = java.util.regex.Pattern.compile("^(\\s*)-\\s+(.*)$");

    /** {pattern, modifier letters} of every {@code |re} value below every {@code rules*} directory. */
    private static List<String[]> corpusRegexes(Path sigma) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(sigma)) {
            files = s.filter(p -> sigma.relativize(p).toString().startsWith("rules"))
                    .filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            for (int k = 0; k < lines.size(); k++) {
                Matcher key = RE_KEY.matcher(lines.get(k));
                if (!key.matches()) continue;
                String flags = key.group(2).replace("|", "");
                String inline = scalar(key.group(3));
                if (!inline.isEmpty()) {
                    out.add(new String[] {inline, flags});
                    continue;
                }
                for (int j = k + 1; j < lines.size(); j++) {
                    Matcher item = LIST_ITEM.matcher(lines.get(j));
                    if (!item.matches() || item.group(1).length() <= key.group(1).length()) break;
                    out.add(new String[] {scalar(item.group(2)), flags});
                }
            }
        }
        return out;
    }

    /** A YAML scalar as Sigma writes regexes: single-quoted, double-quoted (simple escapes) or plain. */
    private static String scalar(String raw) {
        if (raw.startsWith("'")) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                if (raw.charAt(i) != '\'') {
                    b.append(raw.charAt(i));
                } else if (i + 1 < raw.length() && raw.charAt(i + 1) == '\'') {
                    b.append('\'');
                    i++;
                } else {
                    break;
                }
            }
            return b.toString();
        }
        if (raw.startsWith("\"")) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < raw.length() && raw.charAt(i) != '"'; i++) {
                char c = raw.charAt(i);
                b.append(c == '\\' && i + 1 < raw.length() ? raw.charAt(++i) : c);
            }
            return b.toString();
        }
        int comment = raw.indexOf(" #");
        return (comment < 0 ? raw : raw.substring(0, comment)).trim();
    }

    private static List<String> datasetStrings(Path jsonl) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        JsonFactory json = new JsonFactory();
        for (String line : Files.readAllLines(jsonl)) {
            try (JsonParser p = json.createParser(line)) {
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t == JsonToken.VALUE_STRING) out.add(p.getText());
                }
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Path> shared(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(relative);
            if (Files.isDirectory(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
