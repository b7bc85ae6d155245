package dev.edr.core.internal.match;

import java.util.regex.Matcher;

/**
 * The Sigma idiom for "unusually long" values, {@code .{n,}} (or {@code (.){n,m}}), answered by counting instead of
 * by RE2J, whose automaton for a counted repetition has n states and costs n steps per character. An unanchored
 * search for it succeeds exactly when the text has a run of at least n code points that {@code .} matches (any but
 * a line feed, or any at all with dotall); the upper bound cannot prevent that, since any longer run contains one
 * of exactly n.
 */
final class LongRun {
    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("(\\(\\.\\)|\\.)\\{(\\d+),(\\d*)\\}");

    private LongRun() {}

    /** The minimum run length if {@code pattern} has this shape (and is valid), else -1. */
    static int minimum(String pattern) {
        Matcher m = SHAPE.matcher(pattern);
        if (!m.matches() || m.group(2).length() > 4) {
            return -1;
        }
        return Integer.parseInt(m.group(2));
    }

    static boolean hasRun(String text, int minimum, boolean dotAll) {
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            run = cp == '\n' && !dotAll ? 0 : run + 1;
            if (run >= minimum) return true;
        }
        return minimum == 0;
    }
}
