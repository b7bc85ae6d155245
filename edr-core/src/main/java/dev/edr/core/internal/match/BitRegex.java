package dev.edr.core.internal.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Regexes that are a plain sequence of character classes, each optionally quantified, such as
 * {@code \\[a-zA-Z0-9]{1,32}\.[a-zA-Z0-9]{1,6}\.[ "']{1}} (SigmaHQ's Raspberry Robin rule), answered by a
 * bit-parallel scan instead of by RE2J. Counted repetitions are unrolled into at most 64 positions, one bit each of a
 * {@code long}, and every text character advances all partial matches at once (extended Shift-And over the Glushkov
 * positions, Navarro and Raffinot, Flexible Pattern Matching in Strings, 4.3-4.4): optional positions are reached
 * by one subtraction per block, repeatable ones by a self-loop mask. RE2J steps a thread list per character instead.
 *
 * <p>Read conservatively, mirroring RE2's own syntax: ASCII literals and escaped punctuation, {@code \t \n \r \f
 * \v \xHH}, {@code \d \w \s} and their negations, {@code .}, and bracket classes of those (negated allowed, no POSIX
 * names); quantifiers {@code ? * + {n} {n,} {n,m}}, lazy or not; a leading {@code (?ims)} flag group, a leading
 * {@code ^} and a trailing {@code $}. Anything else (groups, alternation, {@code \b}, {@code \p}, {@code \Q},
 * non-ASCII pattern text) is not read. Case folding is RE2's simple folding, which for ASCII letters adds only the
 * Kelvin sign to k and the long s to s; text is read by code point, as RE2J does.
 */
final class BitRegex {
    private static final int MAX_POSITIONS = 64;
    private static final int KELVIN = 0x212A;
    private static final int LONG_S = 0x17F;
    private static final String META = "\\.+*?()[]{}|^$";

    /** Positions whose class holds each ASCII character, any other code point, the Kelvin sign, the long s. */
    private final long[] ascii;
    private final long other;
    private final long kelvin;
    private final long longS;
    private final long repeat;
    private final long optional;
    /** Per optional block: the bit below it (its first bit for a leading block) and its top bit. */
    private final long blockBelow;
    private final long blockTop;
    /** The leading optional block: positions passed over by a match that has consumed nothing yet. */
    private final long start;
    private final long accept;
    private final boolean beginAnchor;
    private final boolean endAnchor;
    private final boolean multiline;
    /** The one character a match must begin with, when there is one, else -1: found by {@code indexOf}. */
    private final int firstChar;

    private BitRegex(List<Chars> classes, long optional, long repeat, boolean beginAnchor, boolean endAnchor,
            boolean multiline) {
        int n = classes.size();
        ascii = new long[128];
        long o = 0, k = 0, s = 0, below = 0, top = 0;
        for (int i = 0; i < n; i++) {
            Chars c = classes.get(i);
            long bit = 1L << i;
            for (int ch = 0; ch < 128; ch++) {
                if (c.ascii[ch]) ascii[ch] |= bit;
            }
            o |= c.other ? bit : 0;
            k |= c.kelvin ? bit : 0;
            s |= c.longS ? bit : 0;
            if ((optional & bit) != 0 && (i == 0 || (optional & bit >>> 1) == 0)) below |= i == 0 ? 1L : bit >>> 1;
            if ((optional & bit) != 0 && (i == n - 1 || (optional & bit << 1) == 0)) top |= bit;
        }
        other = o;
        kelvin = k;
        longS = s;
        this.optional = optional;
        this.repeat = repeat;
        blockBelow = below;
        blockTop = top;
        start = Long.lowestOneBit(~optional) - 1; // the bits below the first mandatory position
        accept = 1L << (n - 1);
        this.beginAnchor = beginAnchor;
        this.endAnchor = endAnchor;
        this.multiline = multiline;
        int only = -1;
        for (int ch = 0; ch < 128; ch++) {
            if ((ascii[ch] & 1) != 0) only = only == -1 ? ch : -2;
        }
        firstChar = (optional & 1) == 0 && ((o | k | s) & 1) == 0 && only >= 0 ? only : -1;
    }

    /** The matcher of {@code pattern}, which RE2J has already accepted, or {@code null} when it is not of this shape. */
    static BitRegex of(String pattern, boolean ignoreCase, boolean multiline, boolean dotAll) {
        return new Reader(pattern, ignoreCase, multiline, dotAll).read();
    }

    /** Whether RE2J's unanchored search would find a match in {@code text}. */
    boolean find(String text) {
        if (beginAnchor || endAnchor) return findAnchored(text);
        if ((start & accept) != 0) return true; // the empty match
        long d = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            if (d == 0 && firstChar >= 0 && (i = text.indexOf(firstChar, i)) < 0) return false;
            char c = text.charAt(i++);
            long m;
            if (c < 128) {
                m = ascii[c];
            } else {
                m = c == KELVIN ? kelvin : c == LONG_S ? longS : other;
                if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) i++; // one code point
            }
            d = step(d | start, d, 1L, m);
            if ((d & accept) != 0) return true;
        }
        return false;
    }

    private boolean findAnchored(String text) {
        long d = 0;
        for (int i = 0, n = text.length(); ; ) {
            boolean begin = !beginAnchor || i == 0 || multiline && text.charAt(i - 1) == '\n';
            long live = begin ? d | start : d;
            if ((live & accept) != 0 && (!endAnchor || i == n || multiline && text.charAt(i) == '\n')) return true;
            if (i == n || live == 0 && !begin && !multiline) return false; // no match can begin any more
            char c = text.charAt(i++);
            long m;
            if (c < 128) {
                m = ascii[c];
            } else {
                m = c == KELVIN ? kelvin : c == LONG_S ? longS : other;
                if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) i++;
            }
            d = step(live, d, begin ? 1L : 0L, m);
        }
    }

    /** The positions live after one character: advanced, newly begun, looped, then carried across optional blocks. */
    private long step(long live, long before, long begin, long m) {
        long d = ((live << 1 | begin) & m) | (before & repeat & m);
        if (optional != 0) {
            long filled = d | blockTop;
            d |= optional & (~(filled - blockBelow) ^ filled);
        }
        return d;
    }

    /** A set of characters as this class reads them: ASCII members, and the three kinds of other code points. */
    static final class Chars {
        final boolean[] ascii = new boolean[128];
        boolean other;
        boolean kelvin;
        boolean longS;

        void add(int lo, int hi, boolean fold) {
            for (int c = lo; c <= hi; c++) {
                ascii[c] = true;
                if (fold && Character.isLetter(c)) {
                    ascii[Character.toLowerCase(c)] = ascii[Character.toUpperCase(c)] = true;
                    if (c == 'k' || c == 'K') kelvin = true;
                    if (c == 's' || c == 'S') longS = true;
                }
            }
        }

        void addAll(Chars c) {
            for (int i = 0; i < 128; i++) ascii[i] |= c.ascii[i];
            other |= c.other;
            kelvin |= c.kelvin;
            longS |= c.longS;
        }

        void negate() {
            for (int i = 0; i < 128; i++) ascii[i] = !ascii[i];
            other = !other;
            kelvin = !kelvin;
            longS = !longS;
        }
    }

    /** One pass over the pattern; every method returns {@code null} (or -1) on anything it does not read. */
    private static final class Reader {
        private final String p;
        private boolean fold;
        private boolean multiline;
        private boolean dotAll;
        private int i;

        Reader(String p, boolean fold, boolean multiline, boolean dotAll) {
            this.p = p;
            this.fold = fold;
            this.multiline = multiline;
            this.dotAll = dotAll;
        }

        BitRegex read() {
            if (p.startsWith("(?")) {
                int close = p.indexOf(')');
                if (close < 3) return null;
                for (int k = 2; k < close; k++) {
                    switch (p.charAt(k)) {
                        case 'i' -> fold = true;
                        case 'm' -> multiline = true;
                        case 's' -> dotAll = true;
                        default -> { return null; }
                    }
                }
                i = close + 1;
            }
            boolean begin = i < p.length() && p.charAt(i) == '^';
            if (begin) i++;
            int backslashes = 0;
            for (int k = p.length() - 2; k >= i && p.charAt(k) == '\\'; k--) backslashes++;
            boolean end = p.length() > i && p.endsWith("$") && backslashes % 2 == 0;
            int stop = end ? p.length() - 1 : p.length();
            List<Chars> classes = new ArrayList<>();
            long optional = 0, repeat = 0;
            while (i < stop) {
                Chars c = atom();
                if (c == null || i > stop) return null;
                int[] q = quantifier(stop);
                if (q == null) return null;
                int min = q[0], max = q[1]; // max -1: unbounded
                int count = max < 0 ? Math.max(min, 1) : max;
                if (classes.size() + count > MAX_POSITIONS) return null;
                for (int k = 0; k < count; k++) {
                    long bit = 1L << classes.size();
                    classes.add(c);
                    if (k >= min) optional |= bit;
                    if (max < 0 && k == count - 1) repeat |= bit;
                }
            }
            if (classes.isEmpty()) return null;
            return new BitRegex(classes, optional, repeat, begin, end, multiline);
        }

        private Chars atom() {
            char c = p.charAt(i++);
            Chars set = new Chars();
            if (c == '.') {
                set.add(0, 127, false);
                set.ascii['\n'] = dotAll;
                set.other = set.kelvin = set.longS = true;
                return set;
            }
            if (c == '[') return bracket();
            if (c == '\\') {
                Chars perl = perl();
                if (perl != null) return perl;
            }
            i--;
            int ch = single(false);
            if (ch < 0) return null;
            set.add(ch, ch, fold);
            return set;
        }

        /** A bracket class after its {@code [}; a leading {@code ]} is a member, as in RE2. */
        private Chars bracket() {
            Chars set = new Chars();
            boolean negated = i < p.length() && p.charAt(i) == '^';
            if (negated) i++;
            for (boolean first = true; ; first = false) {
                if (i >= p.length() || p.charAt(i) == '[') return null;
                if (p.charAt(i) == ']' && !first) break;
                if (p.charAt(i) == '\\') {
                    i++;
                    Chars perl = perl();
                    if (perl != null) {
                        set.addAll(perl);
                        continue;
                    }
                    i--;
                }
                int lo = single(true);
                int hi = lo;
                if (lo >= 0 && i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                    i++;
                    hi = single(true);
                }
                if (lo < 0 || hi < lo) return null;
                set.add(lo, hi, fold);
            }
            i++;
            if (negated) set.negate();
            return set;
        }

        /** {@code \d \w \s \D \W \S} after the backslash (RE2's ASCII sets; case folding before negation), else null. */
        private Chars perl() {
            if (i >= p.length()) return null;
            char c = p.charAt(i);
            Chars set = new Chars();
            switch (Character.toLowerCase(c)) {
                case 'd' -> set.add('0', '9', false);
                case 's' -> {
                    set.add('\t', '\n', false);
                    set.add('\f', '\r', false);
                    set.add(' ', ' ', false);
                }
                case 'w' -> {
                    set.add('0', '9', false);
                    set.add('A', 'Z', fold);
                    set.add('a', 'z', fold);
                    set.add('_', '_', false);
                }
                default -> {
                    return null;
                }
            }
            i++;
            if (Character.isUpperCase(c)) set.negate();
            return set;
        }

        /** One literal character, plain or escaped, at {@code i}; -1 for anything else. */
        private int single(boolean inClass) {
            if (i >= p.length()) return -1;
            char c = p.charAt(i++);
            if (c != '\\') {
                boolean plain = inClass ? c != '[' : META.indexOf(c) < 0;
                return c >= 0x20 && c < 0x7f && plain ? c : -1;
            }
            if (i >= p.length()) return -1;
            char e = p.charAt(i++);
            switch (e) {
                case 't': return '\t';
                case 'n': return '\n';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'v': return 0x0B;
                case 'x': {
                    if (i + 2 > p.length()) return -1;
                    int v = hex(p.charAt(i)) << 4 | hex(p.charAt(i + 1));
                    i += 2;
                    return v < 0x80 && v >= 0 ? v : -1;
                }
                default:
                    return e > 0x20 && e < 0x7f && !Character.isLetterOrDigit(e) ? e : -1;
            }
        }

        private static int hex(char c) {
            int v = Character.digit(c, 16);
            return c < 0x80 && v >= 0 ? v : -0x1000;
        }

        /** {@code {min, max}} of the quantifier at {@code i} (max -1: unbounded), {1, 1} when there is none. */
        private int[] quantifier(int stop) {
            if (i >= stop) return new int[] {1, 1};
            char c = p.charAt(i);
            int[] q;
            if (c == '?' || c == '*' || c == '+') {
                q = new int[] {c == '+' ? 1 : 0, c == '?' ? 1 : -1};
                i++;
            } else if (c == '{') {
                q = counted(stop);
                if (q == null) return null;
            } else {
                return new int[] {1, 1};
            }
            if (i < stop && p.charAt(i) == '?') i++; // lazy: the same set of texts has a match
            if (i < stop && "?*+{".indexOf(p.charAt(i)) >= 0) return null; // nested repetition: not read here
            return q;
        }

        private int[] counted(int stop) {
            int close = p.indexOf('}', i);
            if (close < 0 || close >= stop) return null;
            String body = p.substring(i + 1, close);
            int comma = body.indexOf(',');
            String lo = comma < 0 ? body : body.substring(0, comma);
            String hi = comma < 0 ? body : body.substring(comma + 1);
            if (!digits(lo) || !hi.isEmpty() && !digits(hi)) return null;
            int min = Integer.parseInt(lo);
            int max = hi.isEmpty() ? -1 : Integer.parseInt(hi);
            if (max >= 0 && max < min) return null;
            i = close + 1;
            return new int[] {min, max};
        }

        private static boolean digits(String s) {
            if (s.isEmpty() || s.length() > 4) return false;
            for (int k = 0; k < s.length(); k++) {
                if (s.charAt(k) < '0' || s.charAt(k) > '9') return false;
            }
            return true;
        }
    }
}
