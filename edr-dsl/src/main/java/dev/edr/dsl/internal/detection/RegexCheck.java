package dev.edr.dsl.internal.detection;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Regex validation. RE2J decides what can run (it rejects lookarounds and backreferences, which need
 * backtracking). Separately, constructs outside the small PCRE subset the Sigma spec lists are reported as
 * warnings: the SigmaHQ corpus uses {@code \d}, {@code \s}, {@code (?:…)} and others, and RE2J runs them.
 */
final class RegexCheck {
    private RegexCheck() {}

    /** RE2J's complaint about the pattern, or {@code null} when it compiles. */
    static String compileError(String pattern) {
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription();
        } catch (RuntimeException e) {
            // RE2J signals some oversize programs with other runtime exceptions
            return String.valueOf(e.getMessage());
        }
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
