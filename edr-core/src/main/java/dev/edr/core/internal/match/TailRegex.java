package dev.edr.core.internal.match;

/**
 * How much of a text's end can hold a match of a regex that must end there and cannot be longer than a bound, such
 * as SigmaHQ's {@code (?:[Pp]rogram[Dd]ata|...)\\[^\\]{1,256}$}. RE2J's search steps every position of the text
 * through the pattern's whole NFA (here about 260 states, one per repetition of the counted class), so on a long
 * command line it costs milliseconds; only the text's last characters can hold a match, and searching those alone
 * finds the same.
 *
 * <p>Read conservatively: a pattern qualifies only when it ends with {@code $} outside any group and alternation,
 * is not multi-line, and holds nothing whose meaning depends on the text before a match ({@code ^}, {@code \A},
 * {@code \b}, {@code \B}) or that repeats without bound ({@code * + {n,}}). It is read as literals, escapes of one
 * character, {@code .}, classes, groups ({@code (}, {@code (?:}, flag groups without {@code m}) with alternation,
 * and the quantifiers {@code ? {n} {n,m}}, lazy or not; anything else is not read. Lengths are counted in code
 * points and doubled for the UTF-16 characters a supplementary code point takes.
 */
final class TailRegex {
    /** Longer bounds are not worth a copy: the search over the whole text is then not much longer. */
    private static final int MAX_CODE_POINTS = 2048;

    private final String p;
    private int i;

    private TailRegex(String pattern) {
        this.p = pattern;
    }

    /**
     * The number of characters at the end of a text that a search must see to find every match of
     * {@code pattern} (the longest match plus two characters, so that a cut never splits the code point before
     * one), or -1 when the pattern does not qualify (see the class comment).
     */
    static int tailChars(String pattern, boolean multiline) {
        if (multiline || pattern.length() < 2 || pattern.charAt(pattern.length() - 1) != '$') {
            return -1;
        }
        TailRegex r = new TailRegex(pattern.substring(0, pattern.length() - 1));
        int max = r.sequence(0);
        if (max < 0 || r.i != r.p.length() || max > MAX_CODE_POINTS) {
            return -1; // a top-level '|' or ')' stopped the sequence early, or something was not read
        }
        return 2 * max + 2;
    }

    /** The longest match of the sequence from {@link #i} to a '|', a ')' or the end, or -1. */
    private int sequence(int depth) {
        int total = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '|' || c == ')') {
                return total;
            }
            int atom = atom(depth);
            if (atom < 0) return -1;
            int times = quantifier();
            if (times < 0) return -1;
            total += atom * times;
            if (total > MAX_CODE_POINTS) return -1;
        }
        return total;
    }

    /** The longest match of one atom at {@link #i}, which moves past it; -1 when not read. */
    private int atom(int depth) {
        char c = p.charAt(i);
        switch (c) {
            case '(':
                return group(depth);
            case '[': {
                int end = RegexSyntax.classEnd(p, i);
                if (end < 0) return -1;
                i = end + 1;
                return 1;
            }
            case '\\':
                return escape();
            case '^', '$', '*', '+', '?', '{', '}', ']':
                return -1;
            default:
                i += Character.charCount(p.codePointAt(i));
                return 1;
        }
    }

    /** A group at {@link #i}: its longest alternative; flag groups match nothing. */
    private int group(int depth) {
        if (depth >= 16) return -1;
        i++; // '('
        if (i < p.length() && p.charAt(i) == '?') {
            int j = i + 1;
            while (j < p.length() && "imsU-".indexOf(p.charAt(j)) >= 0) j++;
            if (j >= p.length()) return -1;
            String flags = p.substring(i + 1, j);
            if (flags.indexOf('m') >= 0) return -1; // '$' and '^' would match at line ends
            if (p.charAt(j) == ')') {
                if (flags.isEmpty()) return -1;
                i = j + 1;
                return 0;
            }
            if (p.charAt(j) != ':') return -1; // named groups and the like
            i = j + 1;
        }
        int longest = 0;
        while (true) {
            int alt = sequence(depth + 1);
            if (alt < 0 || i >= p.length()) return -1;
            longest = Math.max(longest, alt);
            if (p.charAt(i) == ')') {
                i++;
                return longest;
            }
            i++; // '|'
        }
    }

    /** An escape at {@link #i}: one character (or class) of the text; assertions and anything unusual: -1. */
    private int escape() {
        if (i + 1 >= p.length()) return -1;
        char e = p.charAt(i + 1);
        if (e == 'x') {
            if (i + 2 < p.length() && p.charAt(i + 2) == '{') {
                int end = p.indexOf('}', i + 3);
                if (end < 0) return -1;
                i = end + 1;
            } else {
                i += 4;
            }
            return i <= p.length() ? 1 : -1;
        }
        if ("dDwWsStnrfv".indexOf(e) >= 0 || !Character.isLetterOrDigit(e) && e < 0x80) {
            i += 2;
            return 1;
        }
        return -1; // \A \b \B \z \Q \p \1 ... are not read
    }

    /** How many times the quantifier at {@link #i} (if any) repeats its atom at most; -1 if without bound. */
    private int quantifier() {
        if (i >= p.length()) return 1;
        char c = p.charAt(i);
        int times;
        if (c == '?') {
            i++;
            times = 1;
        } else if (c == '*' || c == '+') {
            return -1;
        } else if (c == '{') {
            int[] count = RegexSyntax.counted(p, i);
            if (count == null || count[1] < 0) return -1; // not a repetition to RE2, or without bound
            times = count[1];
            i = count[2];
        } else {
            return 1;
        }
        if (i < p.length() && p.charAt(i) == '?') i++; // lazy: the same matches exist
        return times;
    }
}
