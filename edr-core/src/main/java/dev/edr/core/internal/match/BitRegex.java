package dev.edr.core.internal.match;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** A class is a boolean[] over the ASCII characters, then these three kinds of other code points. */
    private static final int AT_OTHER = 128;
    private static final int AT_KELVIN = 129;
    private static final int AT_LONG_S = 130;
    private static final int SET = 131;

    /** Per member of {@link #SET}: the positions whose class holds it. */
    private final long[] masks = new long[SET];
    private final long repeat, optional;
    /** Per optional block: the bit below it (its first bit for a leading block) and its top bit. */
    private final long blockBelow, blockTop;
    /** The leading optional block, passed over by a match that has consumed nothing yet; the last position. */
    private final long start, accept;
    private final boolean beginAnchor, endAnchor, multiline;
    /** The one character a match must begin with, when there is one, else -1: found by {@code indexOf}. */
    private final int firstChar;

    private BitRegex(List<boolean[]> classes, long optional, long repeat, boolean beginAnchor, boolean endAnchor,
            boolean multiline) {
        int n = classes.size();
        long below = 0, top = 0;
        for (int i = 0; i < n; i++) {
            long bit = 1L << i;
            for (int c = 0; c < SET; c++) {
                if (classes.get(i)[c]) masks[c] |= bit;
            }
            if ((optional & bit) != 0 && (i == 0 || (optional & bit >>> 1) == 0)) below |= i == 0 ? 1L : bit >>> 1;
            if ((optional & bit) != 0 && (i == n - 1 || (optional & bit << 1) == 0)) top |= bit;
        }
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
        for (int c = 0; c < SET; c++) {
            if ((masks[c] & 1) != 0) only = only == -1 && c < 128 ? c : -2;
        }
        firstChar = (optional & 1) == 0 ? Math.max(only, -1) : -1;
    }

    /**
     * The matcher of {@code pattern}, which RE2J has already accepted, or {@code null} when it is not of this shape.
     * An unanchored search only asks whether a match begins somewhere, so what may follow the last required
     * character does not matter unless the pattern is anchored at its end: a trailing group that can match nothing
     * ({@code (...)?}, {@code (...)*}, {@code (...){0,n}}) is left out before reading, and so are trailing optional
     * items, and the last required item's repetition counts at its minimum ({@code \w{1,64}} as {@code \w}).
     * SigmaHQ's uncommon-svchost rule, {@code -k\s\w{1,64}(?:\s?(?:-p|-s))?}, reads so as four positions.
     */
    static BitRegex of(String pattern, boolean ignoreCase, boolean multiline, boolean dotAll) {
        return new Reader(withoutOptionalGroupAtEnd(pattern), ignoreCase, multiline, dotAll).read();
    }

    /** A quantifier that lets what it follows match nothing: {@code ?}, {@code *}, {@code {0}}, {@code {0,n}}, lazy or not. */
    private static final java.util.regex.Pattern MAY_BE_NONE =
            java.util.regex.Pattern.compile("(?:\\?|\\*|\\{0(?:,[0-9]*)?\\})\\??");

    /**
     * {@code pattern} without a last top-level group that can match nothing, repeatedly; the pattern itself when it has
     * none, is anchored at its end, or holds something this scan does not follow (a class opening with {@code ]},
     * quoted text).
     */
    static String withoutOptionalGroupAtEnd(String pattern) {
        String p = pattern;
        if (p.contains("\\Q")) return p; // quoted text: its parentheses are not groups
        List<int[]> groups = new ArrayList<>(); // the top-level groups, {start, end}: one pass, whatever their number
        int depth = 0;
        for (int k = 0; k < p.length(); k++) {
            char c = p.charAt(k);
            if (c == '\\') {
                k++; // the escaped character
            } else if (c == '[') {
                int close = classEnd(p, k);
                if (close < 0) return p;
                k = close;
            } else if (c == '(') {
                if (depth++ == 0) groups.add(new int[] {k, -1});
            } else if (c == ')') {
                if (--depth < 0) return p;
                if (depth == 0) groups.get(groups.size() - 1)[1] = k + 1;
            }
        }
        if (depth != 0) return p;
        int cut = p.length();
        for (int g = groups.size() - 1; g >= 0; g--) {
            int[] group = groups.get(g);
            if (group[0] == 0 || !MAY_BE_NONE.matcher(p.substring(group[1], cut)).matches()) break;
            cut = group[0]; // something is left before the group
        }
        return p.substring(0, cut);
    }

    /** The index of the {@code ]} closing the class opening at {@code open}, or -1 when it is not plainly written. */
    static int classEnd(String p, int open) {
        int k = open + 1;
        if (k < p.length() && p.charAt(k) == '^') k++;
        if (k < p.length() && p.charAt(k) == ']') return -1; // a literal ] first: not followed here
        for (; k < p.length(); k++) {
            char c = p.charAt(k);
            if (c == '\\') k++;
            else if (c == '[') return -1; // POSIX classes and the like
            else if (c == ']') return k;
        }
        return -1;
    }

    /** Whether RE2J's unanchored search would find a match in {@code text}. */
    boolean find(String text) {
        if (beginAnchor || endAnchor) return findAnchored(text);
        if ((start & accept) != 0) return true; // the empty match
        long d = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            if (d == 0 && firstChar >= 0 && (i = text.indexOf(firstChar, i)) < 0) return false;
            char c = text.charAt(i++);
            if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) i++; // one code point
            d = step(d | start, d, 1L, mask(c));
            if ((d & accept) != 0) return true;
        }
        return false;
    }

    private boolean findAnchored(String text) {
        long d = 0;
        for (int i = 0, n = text.length(); ; ) {
            if (d == 0 && firstChar >= 0 && !beginAnchor && (i = text.indexOf(firstChar, i)) < 0) return false;
            boolean begin = !beginAnchor || i == 0 || multiline && text.charAt(i - 1) == '\n';
            long live = begin ? d | start : d;
            if ((live & accept) != 0 && (!endAnchor || i == n || multiline && text.charAt(i) == '\n')) return true;
            if (i == n || live == 0 && !begin && !multiline) return false; // no match can begin any more
            char c = text.charAt(i++);
            if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) i++;
            d = step(live, d, begin ? 1L : 0L, mask(c));
        }
    }

    /** A supplementary code point is read by its high surrogate, whose mask is that of every other code point. */
    private long mask(char c) {
        return masks[c < 128 ? c : c == KELVIN ? AT_KELVIN : c == LONG_S ? AT_LONG_S : AT_OTHER];
    }

    /**
     * The positions live after one character: advanced, newly begun, looped, then carried across optional blocks.
     * Subtracting a block's lower bit borrows up to the lowest live bit in the block (its top bit, forced on, stops
     * the borrow there); the block bits above it, which the borrow leaves as they were, are those reached by skipping.
     */
    private long step(long live, long before, long begin, long m) {
        long d = ((live << 1 | begin) & m) | (before & repeat & m);
        if (optional != 0) {
            long filled = d | blockTop;
            d |= optional & (~(filled - blockBelow) ^ filled);
        }
        return d;
    }

    /** One pass over the pattern; every method returns {@code null} (or -1) on anything it does not read. */
    private static final class Reader {
        private final String p;
        private boolean fold, multiline, dotAll;
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
            List<boolean[]> items = new ArrayList<>();
            List<int[]> counts = new ArrayList<>(); // {min, max} per item, max -1: unbounded
            while (i < stop) {
                boolean[] c = atom();
                if (c == null || i > stop) return null;
                int[] q = quantifier(stop);
                if (q == null) return null;
                items.add(c);
                counts.add(q);
            }
            if (!end) { // see of(): only where a match begins matters
                int last = counts.size() - 1;
                while (last >= 0 && counts.get(last)[0] == 0) last--;
                if (last >= 0) {
                    items.subList(last + 1, items.size()).clear();
                    counts.subList(last + 1, counts.size()).clear();
                    counts.set(last, new int[] {counts.get(last)[0], counts.get(last)[0]});
                }
            }
            List<boolean[]> classes = new ArrayList<>();
            long optional = 0, repeat = 0;
            for (int item = 0; item < items.size(); item++) {
                boolean[] c = items.get(item);
                int min = counts.get(item)[0], max = counts.get(item)[1];
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

        private boolean[] atom() {
            char c = p.charAt(i++);
            boolean[] set = new boolean[SET];
            if (c == '.') {
                Arrays.fill(set, true);
                set['\n'] = dotAll;
                return set;
            }
            if (c == '[') return bracket();
            if (c == '\\') {
                boolean[] perl = perl();
                if (perl != null) return perl;
            }
            i--;
            int ch = single(false);
            if (ch < 0) return null;
            add(set, ch, ch, fold);
            return set;
        }

        /** A bracket class after its {@code [}; a leading {@code ]} is a member, as in RE2. */
        private boolean[] bracket() {
            boolean[] set = new boolean[SET];
            boolean negated = i < p.length() && p.charAt(i) == '^';
            if (negated) i++;
            for (boolean first = true; ; first = false) {
                if (i >= p.length() || p.charAt(i) == '[') return null;
                if (p.charAt(i) == ']' && !first) break;
                if (p.charAt(i) == '\\') {
                    i++;
                    boolean[] perl = perl();
                    if (perl != null) {
                        for (int c = 0; c < SET; c++) set[c] |= perl[c];
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
                add(set, lo, hi, fold);
            }
            i++;
            return negated ? negate(set) : set;
        }

        /** {@code \d \w \s \D \W \S} after the backslash (RE2's ASCII sets; case folding before negation), else null. */
        private boolean[] perl() {
            if (i >= p.length()) return null;
            char c = p.charAt(i);
            boolean[] set = new boolean[SET];
            switch (Character.toLowerCase(c)) {
                case 'd' -> add(set, '0', '9', false);
                case 's' -> { // no \v, unlike Java
                    add(set, '\t', '\n', false);
                    add(set, '\f', '\r', false);
                    add(set, ' ', ' ', false);
                }
                case 'w' -> {
                    add(set, '0', '9', false);
                    add(set, '_', '_', false);
                    add(set, 'a', 'z', fold);
                    add(set, 'A', 'Z', fold);
                }
                default -> { return null; }
            }
            i++;
            return Character.isUpperCase(c) ? negate(set) : set;
        }

        /** RE2's simple case folding adds, to ASCII letters, only their other case, and the Kelvin and long s signs. */
        private static void add(boolean[] set, int lo, int hi, boolean fold) {
            for (int c = lo; c <= hi; c++) {
                set[c] = true;
                if (fold && Character.isLetter(c)) {
                    set[Character.toLowerCase(c)] = set[Character.toUpperCase(c)] = true;
                    set[AT_KELVIN] |= c == 'k' || c == 'K';
                    set[AT_LONG_S] |= c == 's' || c == 'S';
                }
            }
        }

        private static boolean[] negate(boolean[] set) {
            for (int c = 0; c < SET; c++) set[c] = !set[c];
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
            int control = "tnrfv".indexOf(e);
            if (control >= 0) return "\t\n\r\f\u000B".charAt(control);
            if (e == 'x') { // exactly two hex digits, \x{...} is not read
                if (i + 2 > p.length()) return -1;
                int v = Character.digit(p.charAt(i), 16) << 4 | Character.digit(p.charAt(i + 1), 16);
                i += 2;
                return p.charAt(i - 2) < 0x80 && p.charAt(i - 1) < 0x80 && v >= 0 && v < 0x80 ? v : -1;
            }
            return e > 0x20 && e < 0x7f && !Character.isLetterOrDigit(e) ? e : -1;
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
            int[] count = RegexSyntax.counted(p, i);
            if (count == null || count[2] > stop || count[1] >= 0 && count[1] < count[0]) return null;
            i = count[2];
            return new int[] {count[0], count[1]};
        }
    }
}
