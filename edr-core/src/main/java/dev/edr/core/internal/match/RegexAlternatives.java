package dev.edr.core.internal.match;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Regexes whose groups only choose between a few {@link BitRegex} shapes, such as SigmaHQ's
 * {@code cmd.{0,5}(?:/c|/r).+powershell.+(?:\$\{?input\}?|noexit).+\"} (four shapes) or
 * {@code [Rr][Uu][Nn][Dd][Ll][Ll]32(?:\.[Ee][Xx][Ee])? \S+?\w:\S+?:} (two), answered by a bit-parallel scan per
 * shape instead of by RE2J's thread lists. An unanchored search finds a match of {@code x(a|b)y} exactly when it
 * finds one of {@code xay} or of {@code xby}, and an optional group is a choice between the group and nothing, so
 * the pattern is spelled out into the alternatives its groups allow, at most {@link #MAX_ALTERNATIVES}, and a text
 * matches when one of them is found in it.
 *
 * <p>Read conservatively: groups (capturing, non-capturing or named) holding alternatives, with no quantifier,
 * {@code ?} or a bounded count ({@code (?:0[0-9]{1,11}\.){3}} is three copies of the group); everything else is
 * copied as written, token by token (escapes, bracket classes, quantified atoms), and each alternative must then be
 * one {@link BitRegex} reads, or the pattern is left to RE2J. Not read: {@code *}, {@code +} or an unbounded count
 * on a group, flags other than one leading {@code (?flags)} group, look-arounds, quoted text, and an opening brace
 * that does not start a counted repetition (spliced next to other text, it could become one).
 */
final class RegexAlternatives {
    static final int MAX_ALTERNATIVES = 16;
    /** Deeper nesting is left to RE2J (which has its own limit) rather than to this reader's stack. */
    private static final int MAX_DEPTH = 16;

    private final BitRegex[] alternatives;

    private RegexAlternatives(BitRegex[] alternatives) {
        this.alternatives = alternatives;
    }

    /**
     * The matcher of {@code pattern} (which RE2J has already accepted), or {@code null} when it has no group to spell
     * out, spells out into too many alternatives, or one of them is not of {@link BitRegex}'s shape.
     */
    static RegexAlternatives of(String pattern, boolean ignoreCase, boolean multiline, boolean dotAll) {
        List<String> spelled = spellOut(pattern);
        if (spelled == null) return null;
        BitRegex[] bits = new BitRegex[spelled.size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = BitRegex.of(spelled.get(i), ignoreCase, multiline, dotAll);
            if (bits[i] == null) return null;
        }
        return new RegexAlternatives(bits);
    }

    /** Whether RE2J's unanchored search would find a match in {@code text}. */
    boolean find(String text) {
        for (BitRegex b : alternatives) {
            if (b.find(text)) return true;
        }
        return false;
    }

    /**
     * The patterns without groups that {@code pattern} is the union of (each with the pattern's leading flag group),
     * or {@code null} when it has no group or is not read (see the class comment).
     */
    static List<String> spellOut(String pattern) {
        if (pattern.contains("\\Q")) return null;
        String flags = "";
        int from = 0;
        if (pattern.startsWith("(?")) {
            int close = pattern.indexOf(')');
            if (close > 2 && pattern.substring(2, close).chars().allMatch(c -> "imsU".indexOf(c) >= 0)) {
                flags = pattern.substring(0, close + 1);
                from = close + 1;
            }
        }
        Reader r = new Reader(pattern, from);
        try {
            List<String> alternatives = r.alternation();
            if (r.at != pattern.length() || !r.grouped) return null;
            Set<String> distinct = new LinkedHashSet<>();
            for (String a : alternatives) distinct.add(flags + a);
            return new ArrayList<>(distinct);
        } catch (Unread e) {
            return null;
        }
    }

    /** Thrown when the pattern is not read; never leaves {@link #spellOut}. */
    private static final class Unread extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unread() {
            super(null, null, false, false);
        }
    }

    /** Recursive descent over the pattern: each construct yields the texts it may be spelled as. */
    private static final class Reader {
        private final String p;
        int at;
        /** Whether a group was met: else there is nothing to spell out. */
        boolean grouped;
        private int depth;

        Reader(String p, int at) {
            this.p = p;
            this.at = at;
        }

        /** Alternatives separated by {@code |}, up to a {@code )} or the end. */
        List<String> alternation() {
            List<String> out = new ArrayList<>(sequence());
            while (at < p.length() && p.charAt(at) == '|') {
                grouped = true;
                at++;
                out.addAll(sequence());
                if (out.size() > MAX_ALTERNATIVES) throw new Unread();
            }
            return out;
        }

        /**
         * Items one after the other: every combination of their spellings. Items with one spelling are gathered in a
         * run and joined to the combinations only when an item with several comes (at most four times, each at
         * least doubling them), so that a long pattern costs its length, not its length squared.
         */
        private List<String> sequence() {
            List<String> out = List.of("");
            StringBuilder run = new StringBuilder();
            while (at < p.length() && p.charAt(at) != '|' && p.charAt(at) != ')') {
                List<String> item = item();
                if (item.size() == 1) {
                    run.append(item.get(0));
                    continue;
                }
                out = combine(out, run.toString(), item);
                run.setLength(0);
            }
            return run.length() == 0 ? out : combine(out, run.toString(), List.of(""));
        }

        static List<String> combine(List<String> heads, String middle, List<String> tails) {
            if (heads.size() * tails.size() > MAX_ALTERNATIVES) throw new Unread();
            List<String> out = new ArrayList<>(heads.size() * tails.size());
            for (String head : heads) {
                for (String tail : tails) out.add(head + middle + tail);
            }
            return out;
        }

        private List<String> item() {
            char c = p.charAt(at);
            if (c == '(') return group();
            int start = at;
            if (c == '\\') {
                if (at + 1 >= p.length()) throw new Unread();
                at += 2;
            } else if (c == '[') {
                int close = BitRegex.classEnd(p, at);
                if (close < 0) throw new Unread();
                at = close + 1;
            } else if (c == '*' || c == '+' || c == '?' || c == '{') {
                throw new Unread(); // a quantifier with nothing before it in this piece
            } else {
                at++;
            }
            quantifier();
            return List.of(p.substring(start, at));
        }

        /** Passes over the quantifier after an atom, if any, lazy or not. */
        private void quantifier() {
            if (at >= p.length()) return;
            char c = p.charAt(at);
            if (c == '?' || c == '*' || c == '+') {
                at++;
            } else if (c == '{') {
                at = count()[2];
            } else {
                return;
            }
            if (at < p.length() && p.charAt(at) == '?') at++; // lazy
        }

        private List<String> group() {
            grouped = true;
            if (++depth > MAX_DEPTH) throw new Unread();
            at++; // '('
            if (p.startsWith("?:", at)) {
                at += 2;
            } else if (p.startsWith("?P<", at) || p.startsWith("?<", at) && !p.startsWith("?<=", at)
                    && !p.startsWith("?<!", at)) {
                int close = p.indexOf('>', at);
                if (close < 0) throw new Unread();
                at = close + 1;
            } else if (at < p.length() && p.charAt(at) == '?') {
                throw new Unread(); // flags, look-arounds
            }
            List<String> inner = alternation();
            if (at >= p.length() || p.charAt(at) != ')') throw new Unread();
            at++;
            depth--;
            if (at < p.length()) {
                char q = p.charAt(at);
                if (q == '?') {
                    at++;
                    if (at < p.length() && p.charAt(at) == '?') at++; // lazy
                    List<String> optional = new ArrayList<>(inner);
                    optional.add("");
                    return optional;
                }
                if (q == '{') return copies(inner);
                if (q == '*' || q == '+') throw new Unread();
            }
            return inner;
        }

        /**
         * The counted repetition whose brace is at {@link #at}: {@code {n, m, end}}, {@code m} being -1 for
         * {@code {n,}}, {@code end} the offset after it ({@link RegexSyntax#counted}).
         */
        private int[] count() {
            int[] count = RegexSyntax.counted(p, at);
            if (count == null) throw new Unread();
            return count;
        }

        /**
         * A group counted {@code {n}} or {@code {n,m}} (the brace at {@link #at}): its spellings, that many copies
         * one after the other, each copy choosing for itself. An unbounded count is not read.
         */
        private List<String> copies(List<String> group) {
            int[] count = count();
            int n = count[0];
            int m = count[1];
            if (m < n || m > MAX_ALTERNATIVES) throw new Unread(); // unbounded (-1), or more copies than choices
            at = count[2];
            if (at < p.length() && p.charAt(at) == '?') at++; // lazy
            List<String> out = new ArrayList<>();
            List<String> power = List.of("");
            for (int copies = 0; copies <= m; copies++) {
                if (copies >= n) {
                    out.addAll(power);
                    if (out.size() > MAX_ALTERNATIVES) throw new Unread();
                }
                if (copies < m) power = combine(power, "", group);
            }
            return out;
        }
    }
}
