package dev.edr.core.internal.match;

/**
 * A necessary condition for regexes built around a long counted class, such as {@code \s[a-fA-F0-9]{64}\s...}
 * (SigmaHQ's SNAKE installer rule): every match contains a run of at least n characters of the class. RE2J's
 * automaton for such a repetition has n states and steps through all of them for every character of every command
 * line, while the run is found by one pass with a table lookup; only texts that have it go on to RE2J.
 *
 * <p>Read conservatively: the pattern has no alternation at its top level, the counted item is a bracket class of
 * ASCII characters and ranges (not negated, no escapes) or {@code \d}, at the top level, and the pattern does not
 * fold case (RE2 would then also match the Kelvin sign for {@code k} and the long s for {@code s}). Anything else
 * has no condition.
 */
final class ClassRun {
    /** Runs shorter than this are found by chance and not worth a pass. */
    private static final int MIN_RUN = 8;

    final boolean[] members;
    final int length;

    private ClassRun(boolean[] members, int length) {
        this.members = members;
        this.length = length;
    }

    /** The longest such condition of {@code pattern}, or {@code null}. */
    static ClassRun of(String pattern, boolean ignoreCase) {
        if (ignoreCase || pattern.contains("(?") || pattern.contains("\\Q")) {
            return null; // case folding, flag groups, quoted text: not read here
        }
        ClassRun best = null;
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean[] members = null;
            int after = -1;
            if (c == '\\') {
                if (i + 1 >= pattern.length()) return null;
                if (depth == 0 && pattern.charAt(i + 1) == 'd') {
                    members = new boolean[128];
                    for (char d = '0'; d <= '9'; d++) members[d] = true;
                    after = i + 2;
                }
                i++;
                if (members == null) continue;
            } else if (c == '[') {
                int end = RegexSyntax.classEnd(pattern, i);
                if (end < 0) return null;
                if (depth == 0) {
                    members = members(pattern, i + 1, end);
                    after = end + 1;
                }
                i = end;
                if (members == null) continue;
            } else if (c == '(') {
                depth++;
                continue;
            } else if (c == ')') {
                depth--;
                continue;
            } else if (c == '|' && depth == 0) {
                return null;
            } else {
                continue;
            }
            int min = repeatMinimum(pattern, after);
            if (min >= MIN_RUN && (best == null || min > best.length)) {
                best = new ClassRun(members, min);
            }
        }
        return depth == 0 ? best : null;
    }

    /**
     * Whether {@code text} has {@link #length} consecutive characters of the class. Window by window, read from the
     * window's end backwards: a character outside the class moves the next window past it, so a text without long
     * runs is read about once every {@code length} characters, and no character is read twice (what lies between
     * the stop and the old window's end is in the class, so the next backward read stops before it).
     */
    boolean foundIn(String text) {
        int n = text.length();
        int start = 0;
        while (start + length <= n) {
            int q = start + length - 1;
            while (q >= start) {
                char c = text.charAt(q);
                if (c >= 128 || !members[c]) break;
                q--;
            }
            if (q < start) return true;
            start = q + 1;
        }
        return false;
    }

    /** The members of the class body {@code [from, end)}, or {@code null} when it is not a plain ASCII set. */
    private static boolean[] members(String p, int from, int end) {
        if (from >= end || p.charAt(from) == '^') return null;
        boolean[] m = new boolean[128];
        for (int i = from; i < end; i++) {
            char c = p.charAt(i);
            if (c == '\\' || c == '[' || c >= 128) return null;
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                char to = p.charAt(i + 2);
                if (to == '\\' || to == '[' || to >= 128 || to < c) return null;
                for (char x = c; x <= to; x++) m[x] = true;
                i += 2;
            } else {
                m[c] = true;
            }
        }
        return m;
    }

    /** The n of a {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code at} (no lazy or possessive mark), else -1. */
    private static int repeatMinimum(String p, int at) {
        if (at < 0 || at >= p.length() || p.charAt(at) != '{') return -1;
        int i = at + 1;
        int n = 0;
        int digits = 0;
        while (i < p.length() && Character.isDigit(p.charAt(i)) && digits < 5) {
            n = n * 10 + (p.charAt(i++) - '0');
            digits++;
        }
        if (digits == 0 || i >= p.length()) return -1;
        if (p.charAt(i) == ',') {
            i++;
            while (i < p.length() && Character.isDigit(p.charAt(i))) i++;
        }
        if (i >= p.length() || p.charAt(i) != '}') return -1;
        return n; // a '?' after it only makes it lazy: the minimum still holds
    }
}
