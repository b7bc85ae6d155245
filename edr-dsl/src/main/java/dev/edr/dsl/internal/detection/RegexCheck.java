package dev.edr.dsl.internal.detection;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Regex validation. RE2J decides what can run (it rejects lookarounds and backreferences, which need
 * backtracking). Separately, constructs outside the small PCRE subset the Sigma spec lists are reported as
 * warnings: the SigmaHQ corpus uses {@code \d}, {@code \s}, {@code (?:…)} and others, and RE2J runs them.
 */
final class RegexCheck {
    /**
     * Largest estimated program accepted. RE2J (unlike RE2) does not bound the size of nested counted
     * repetitions: {@code ((a{1000}){1000}){1000}} exhausts any heap while compiling.
     */
    static final long MAX_PROGRAM_SIZE = 100_000;

    private RegexCheck() {}

    /** RE2J's complaint about the pattern, or {@code null} when it compiles. */
    static String compileError(String pattern) {
        long size = estimatedSize(pattern);
        if (size > MAX_PROGRAM_SIZE) {
            return "its counted repetitions expand to " + (size >= SATURATED ? "an enormous" : "about " + size)
                    + " instructions; at most " + MAX_PROGRAM_SIZE + " are allowed";
        }
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        } catch (StackOverflowError e) {
            // RE2J's parser recurses on nested groups; a few thousand levels exhaust a default thread stack
            return "the groups are nested too deeply";
        }
    }

    private static final long SATURATED = Long.MAX_VALUE / 4;

    /**
     * A cheap upper-bound-ish estimate of the compiled size: every atom counts 1, a counted repetition
     * multiplies the preceding atom (or group) by its largest count. Only meant to catch multiplicative blowups.
     */
    static long estimatedSize(String p) {
        java.util.ArrayDeque<long[]> stack = new java.util.ArrayDeque<>();
        long[] cur = {0, 0}; // committed total, size of the last atom (the one a quantifier applies to)
        int n = p.length();
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
                cur = atom(cur, 1);
            } else if (c == '[') {
                i = classEnd(p, i);
                cur = atom(cur, 1);
            } else if (c == '(') {
                stack.push(cur);
                cur = new long[] {0, 0};
            } else if (c == ')') {
                long group = add(cur[0], cur[1]);
                cur = stack.isEmpty() ? new long[] {0, 0} : stack.pop();
                cur = atom(cur, group);
            } else if (c == '|') {
                cur = new long[] {add(cur[0], cur[1]), 0};
            } else if (c == '{' && repeatEnd(p, i) > 0) {
                int end = repeatEnd(p, i);
                cur[1] = multiply(cur[1], Math.max(1, repeatMax(p.substring(i + 1, end))));
                i = end;
            } else if (c != '*' && c != '+' && c != '?') {
                cur = atom(cur, 1);
            }
        }
        long total = add(cur[0], cur[1]);
        while (!stack.isEmpty()) {
            long[] outer = stack.pop();
            total = add(add(outer[0], outer[1]), total);
        }
        return total;
    }

    private static long[] atom(long[] frame, long size) {
        return new long[] {add(frame[0], frame[1]), size};
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    private static long multiply(long a, long b) {
        return a == 0 || b <= SATURATED / a ? Math.min(SATURATED, a * b) : SATURATED;
    }

    /** Index of the closing brace of a {n}, {n,} or {n,m} repeat at {@code open}, or -1. */
    private static int repeatEnd(String p, int open) {
        int i = open + 1;
        boolean digits = false;
        boolean comma = false;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == ',' && !comma && digits) {
                comma = true;
            } else {
                break;
            }
        }
        return digits && i < p.length() && p.charAt(i) == '}' && i - open <= 12 ? i : -1;
    }

    private static long repeatMax(String body) {
        String[] parts = body.split(",", -1);
        String last = parts[parts.length - 1].isEmpty() ? parts[0] : parts[parts.length - 1];
        return Long.parseLong(last) + (parts.length == 2 && parts[1].isEmpty() ? 1 : 0);
    }

    /** Index of the {@code ]} closing a character class opened at {@code open} (or the last index). */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
                int close = p.indexOf(":]", i + 2);
                i = close < 0 ? i : close + 1;
            } else if (c == ']') {
                return i;
            }
        }
        return p.length() - 1;
    }

    /** The first construct beyond the spec's metacharacter list, described, or {@code null}. */
    static String firstNonStandardConstruct(String pattern) {
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
            if (c == '\\') {
                if (Character.isLetterOrDigit(next)) {
                    return "the escape \\" + next;
                }
                i++; // an escaped punctuation character is a plain literal
            } else if (inClass) {
                if (c == '[' && next == ':') {
                    return "the POSIX class [:…:]";
                }
                if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
                if (next == '^') {
                    i++;
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    i++; // a leading ] is a literal member
                }
            } else if (c == '(' && next == '?') {
                return "the group syntax (?";
            } else if ((c == '*' || c == '+' || c == '?' || c == '}') && (next == '?' || next == '+')
                    && !(c == '?' && i > 0 && pattern.charAt(i - 1) == '(')) {
                return "the lazy or possessive quantifier " + c + next;
            }
        }
        return null;
    }
}
