package dev.edr.core.internal.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Regexes that are literals joined by {@code .*}, such as {@code \+.*\+.*\+...} (fourteen plus signs, in SigmaHQ's
 * PowerShell command-line obfuscation rule), answered by finding the literals in order instead of by RE2J, whose
 * automaton keeps a thread per {@code .*} alive for every character. An unanchored search for
 * {@code L1.*L2.*...Ln} succeeds exactly when some line (a stretch without a line feed, which {@code .} does not
 * match) holds L1, then L2 after it, and so on; taking each literal at its leftmost place after the previous one
 * is always safe, since that leaves the most room for the rest.
 */
final class LiteralChain {
    private static final String META = "\\.+*?()[]{}|^$";

    private final String[] literals;

    private LiteralChain(String[] literals) {
        this.literals = literals;
    }

    /**
     * The chain of {@code pattern}, or {@code null} when it is not one: at least two non-empty literals of ASCII
     * characters (escaped punctuation allowed) joined by {@code .*}, and no case folding, dot-all or flags.
     */
    static LiteralChain of(String pattern, boolean ignoreCase, boolean dotAll) {
        if (ignoreCase || dotAll) {
            return null;
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '.' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                if (current.length() == 0) return null;
                out.add(current.toString());
                current.setLength(0);
                i++;
                if (i + 1 < pattern.length() && (pattern.charAt(i + 1) == '?' || pattern.charAt(i + 1) == '+')) {
                    return null; // lazy or possessive: not read here
                }
            } else if (c == '\\') {
                if (i + 1 >= pattern.length()) return null;
                char e = pattern.charAt(++i);
                if (e >= 0x80 || Character.isLetterOrDigit(e) || e < 0x20) return null; // \d, \x41, \Q ...
                current.append(e);
            } else if (c >= 0x20 && c < 0x7f && META.indexOf(c) < 0) {
                current.append(c);
            } else {
                return null;
            }
        }
        if (current.length() == 0) return null;
        out.add(current.toString());
        return out.size() < 2 ? null : new LiteralChain(out.toArray(String[]::new));
    }

    /** Whether {@code text} has a match. */
    boolean foundIn(String text) {
        int at = text.indexOf(literals[0]);
        while (at >= 0) {
            int lineEnd = text.indexOf('\n', at);
            if (lineEnd < 0) lineEnd = text.length();
            int pos = at + literals[0].length();
            boolean all = true;
            for (int k = 1; k < literals.length && all; k++) {
                int next = text.indexOf(literals[k], pos);
                if (next < 0) return false; // no later occurrence anywhere: no line can hold the rest
                if (next + literals[k].length() > lineEnd) {
                    all = false;
                } else {
                    pos = next + literals[k].length();
                }
            }
            if (all) return true;
            at = text.indexOf(literals[0], lineEnd); // the next line that holds the first literal
        }
        return false;
    }
}
