package dev.edr.core.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds literal text that every match of a regular expression (RE2 syntax) must contain, so a regex-only rule can
 * have a trigger too. Deliberately conservative: only ASCII characters outside groups and classes at the top level
 * of a branch count, a character followed by any quantifier does not, an escape that is not a plain class or an
 * escaped punctuation mark gives up. A top-level alternation yields one literal per branch. With case folding
 * ({@code (?i)} or the {@code i} modifier) RE2 matches {@code s} also as U+017F, which lower-cases to itself, so
 * {@code s} never belongs to a literal then; every other ASCII letter folds only to characters whose
 * {@code toLowerCase(Locale.ROOT)} is that letter.
 */
public final class RegexLiterals {
    private static final String SIMPLE_CLASS_ESCAPES = "dDwWsSbBAz";
    /** At most this many texts stand for one run: classes multiply them. */
    private static final int MAX_CHOICES = 8;
    /** Classes of at most this many characters are spelled out. */
    private static final int MAX_CLASS = 4;
    private static final java.util.regex.Pattern FLAGS = java.util.regex.Pattern.compile("\\(\\?[a-zA-Z-]*\\)");

    private RegexLiterals() {}

    /** One required literal (lower case) per top-level branch, or {@code null} when some branch has none. */
    public static List<String> required(String pattern, boolean ignoreCase) {
        boolean folding = folds(pattern, ignoreCase);
        if (!flagsReadable(pattern)) {
            return null;
        }
        List<String> branches = splitTopLevel(pattern);
        if (branches == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String branch : branches) {
            String best = longestLiteral(branch, folding);
            if (best == null || best.isEmpty()) {
                return null;
            }
            out.add(best.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * Every required literal run (lower case) of a pattern without top-level alternation: each one occurs in every
     * match, so each can be a trigger group of its own. {@code null} when the pattern has branches or cannot be read.
     */
    public static List<String> requiredRuns(String pattern, boolean ignoreCase) {
        List<List<String>> runs = runs(pattern, ignoreCase, false);
        if (runs == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (List<String> run : runs) out.add(run.get(0)); // one text each: no class is spelled out
        return out;
    }

    /**
     * Every required literal run of a pattern without top-level alternation, as the texts it may be (lower case, each
     * once): like {@link #requiredRuns}, but a class of a few plain characters matched exactly once (no quantifier, or
     * {@code {1}}) does not end a run, it makes the run one of several texts: {@code \.[ "']} is {@code ". "},
     * {@code ".\""} or {@code ".'"}, each rarer than the dot alone. {@code null} when the pattern has branches or
     * cannot be read.
     */
    public static List<List<String>> requiredRunChoices(String pattern, boolean ignoreCase) {
        return runs(pattern, ignoreCase, true);
    }

    /**
     * What the groups of a pattern without top-level alternation require: for each group at the top level that a
     * match cannot skip (no {@code ?}, {@code *} or {@code {0...}} after it) and whose every branch has a literal run,
     * the texts (lower case) of which every match contains at least one, a run per branch:
     * {@code (?:[Pp]rogram[Dd]ata|%(?:[Ll]ocal)?[Aa]pp[Dd]ata%)\\} requires {@code programdata} or
     * {@code appdata%}. Empty when nothing can be read; flag groups require nothing.
     */
    public static List<List<String>> requiredGroups(String pattern, boolean ignoreCase) {
        List<String> top = flagsReadable(pattern) ? splitTopLevel(pattern) : null;
        if (top == null || top.size() != 1) {
            return List.of();
        }
        boolean folding = folds(pattern, ignoreCase);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = RegexSyntax.classEnd(pattern, i);
                if (i < 0) return List.of();
            } else if (c == '(') {
                int end = groupEnd(pattern, i);
                if (end < 0) return List.of();
                int after = end + 1;
                boolean skippable = after < pattern.length()
                        && (pattern.charAt(after) == '?' || pattern.charAt(after) == '*' || pattern.startsWith("{0", after));
                String body = groupBody(pattern.substring(i + 1, end));
                List<String> texts = skippable || body == null ? null : oneOfBranches(body, folding);
                if (texts != null) out.add(texts);
                i = end;
            }
        }
        return out;
    }

    /**
     * The part of a group between its parentheses that is matched: after {@code ?:}, after a name, or after flags and
     * their colon (the caller folds case for every group with {@code (?} in the pattern); {@code null} for a flag
     * group such as {@code (?i)}, which matches nothing, and for any other kind.
     */
    private static String groupBody(String inner) {
        if (!inner.startsWith("?")) {
            return inner; // a capturing group
        }
        if (inner.startsWith("?P<") || inner.startsWith("?<")) {
            int close = inner.indexOf('>');
            return close < 0 ? null : inner.substring(close + 1);
        }
        int k = 1;
        while (k < inner.length() && (Character.isLetter(inner.charAt(k)) || inner.charAt(k) == '-')) k++;
        return k < inner.length() && inner.charAt(k) == ':' ? inner.substring(k + 1) : null;
    }

    /**
     * For a group's body: the texts of one required run of each of its branches (the longest run, of the fewest
     * texts among equally long ones), each text once; {@code null} when a branch has no run or cannot be read.
     */
    private static List<String> oneOfBranches(String body, boolean folding) {
        List<String> branches = splitTopLevel(body);
        if (branches == null) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (String branch : branches) {
            List<List<String>> runs = new ArrayList<>();
            if (!literalChoices(branch, folding, true, runs) || runs.isEmpty()) {
                return null;
            }
            List<String> best = runs.get(0);
            for (List<String> run : runs) {
                int longer = Integer.compare(run.get(0).length(), best.get(0).length());
                if (longer > 0 || longer == 0 && run.size() < best.size()) best = run;
            }
            for (String t : best) {
                if (!texts.contains(t)) texts.add(t);
            }
        }
        return texts;
    }

    /**
     * Whether literals are read as matched without regard to case: with the ignore-case modifier, or when the
     * pattern has a group of flags anywhere (one of them may be {@code i}).
     */
    private static boolean folds(String pattern, boolean ignoreCase) {
        return ignoreCase || pattern.contains("(?");
    }

    /** Whether the pattern's flag groups, if any, stand at its start unquantified (where they change nothing read). */
    private static boolean flagsReadable(String pattern) {
        java.util.regex.Matcher flags = FLAGS.matcher(pattern);
        while (flags.find()) {
            boolean quantified = flags.end() < pattern.length() && "*+?{".indexOf(pattern.charAt(flags.end())) >= 0;
            if (flags.start() > 0 || quantified) {
                return false; // a flag group is no group: a quantifier after it binds to what precedes it
            }
        }
        return true;
    }

    /** The runs of {@link #requiredRunChoices}, with or without classes spelled out. */
    private static List<List<String>> runs(String pattern, boolean ignoreCase, boolean spellClasses) {
        if (required(pattern, ignoreCase) == null) {
            return null; // also checks the flag groups the same way
        }
        List<String> branches = splitTopLevel(pattern);
        if (branches == null || branches.size() != 1) {
            return null;
        }
        List<List<String>> runs = new ArrayList<>();
        if (!literalChoices(branches.get(0), folds(pattern, ignoreCase), spellClasses, runs)) {
            return null;
        }
        return runs;
    }

    /**
     * Adds every required literal run of one branch to {@code runs}, each as its texts (lower case): one text, or with
     * {@code spellClasses} several (see {@link #requiredRunChoices}). False when the branch cannot be read safely.
     */
    private static boolean literalChoices(String p, boolean folding, boolean spellClasses, List<List<String>> runs) {
        List<StringBuilder> run = new ArrayList<>(List.of(new StringBuilder()));
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            int literal = -1;
            String spelled = null;
            int next = i + 1;
            if (c == '\\') {
                if (i + 1 >= p.length()) return false;
                char e = p.charAt(i + 1);
                next = i + 2;
                if (e < 0x80 && !Character.isLetterOrDigit(e)) {
                    literal = e;
                } else if (SIMPLE_CLASS_ESCAPES.indexOf(e) < 0) {
                    return false;
                }
            } else if (c == '[') {
                int end = RegexSyntax.classEnd(p, i);
                if (end < 0) return false;
                next = end + 1;
                spelled = spellClasses ? plainClass(p.substring(i + 1, end), folding) : null;
            } else if (c == '(') {
                next = groupEnd(p, i) + 1;
                if (next <= 0) return false;
            } else if ("*+?{".indexOf(c) >= 0) {
                // the character before is optional or repeated (a class never gets here: see below)
                for (StringBuilder b : run) {
                    if (b.length() > 0) b.setLength(b.length() - 1);
                }
                run = recordChoices(runs, run);
                next = c == '{' ? skipRepeat(p, i) : i + 1;
                if (next < 0) return false;
                while (next < p.length() && (p.charAt(next) == '?' || p.charAt(next) == '+')) next++;
                i = next;
                continue;
            } else if (c >= 0x20 && c < 0x7f && ".^$|)]}".indexOf(c) < 0) {
                literal = c;
            }
            boolean quantified = next < p.length() && "*+?{".indexOf(p.charAt(next)) >= 0;
            boolean once = quantified && p.startsWith("{1}", next);
            if (literal >= 0 && !(folding && (literal == 's' || literal == 'S'))) {
                for (StringBuilder b : run) b.append((char) literal);
            } else if (spelled != null && (!quantified || once) && run.size() * spelled.length() <= MAX_CHOICES) {
                List<StringBuilder> longer = new ArrayList<>();
                for (StringBuilder b : run) {
                    for (int k = 0; k < spelled.length(); k++) longer.add(new StringBuilder(b).append(spelled.charAt(k)));
                }
                run = longer;
                if (once) next += 3;
            } else {
                run = recordChoices(runs, run);
                if (quantified) { // the quantifier applies to the group or class just passed
                    next = p.charAt(next) == '{' ? skipRepeat(p, next) : next + 1;
                    if (next < 0) return false;
                    while (next < p.length() && (p.charAt(next) == '?' || p.charAt(next) == '+')) next++;
                }
            }
            i = next;
        }
        recordChoices(runs, run);
        return true;
    }

    /**
     * The characters of a class body that is a short list of plain characters ({@code [ "']}), lower case and each once;
     * {@code null} for anything else (ranges, negation, escapes, a folded {@code s}, which U+017F matches too).
     */
    private static String plainClass(String body, boolean folding) {
        if (body.isEmpty() || body.length() > MAX_CLASS || body.charAt(0) == '^') {
            return null;
        }
        StringBuilder chars = new StringBuilder();
        for (int k = 0; k < body.length(); k++) {
            char ch = body.charAt(k);
            if (ch < 0x20 || ch >= 0x7f || "\\-[]".indexOf(ch) >= 0 || folding && (ch == 's' || ch == 'S')) {
                return null;
            }
            char lower = Character.toLowerCase(ch);
            if (chars.indexOf(String.valueOf(lower)) < 0) chars.append(lower);
        }
        return chars.toString();
    }

    /** Adds the run's texts (lower case, each once) unless they are empty; returns a fresh run. */
    private static List<StringBuilder> recordChoices(List<List<String>> runs, List<StringBuilder> run) {
        if (run.get(0).length() > 0) { // the texts of a run are all equally long
            List<String> texts = new ArrayList<>();
            for (StringBuilder b : run) {
                String t = b.toString().toLowerCase(Locale.ROOT);
                if (!texts.contains(t)) texts.add(t);
            }
            runs.add(texts);
        }
        return new ArrayList<>(List.of(new StringBuilder()));
    }

    /** The branches of a top-level alternation, or {@code null} when the pattern cannot be read safely. */
    private static List<String> splitTopLevel(String p) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 < p.length() && p.charAt(i + 1) == 'Q') return null;
                i++;
            } else if (c == '[') {
                i = RegexSyntax.classEnd(p, i);
                if (i < 0) return null;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth < 0) return null;
            } else if (c == '|' && depth == 0) {
                out.add(p.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        out.add(p.substring(start));
        return out;
    }

    /** The longest required literal run of one branch, or {@code null} when the branch cannot be read safely. */
    private static String longestLiteral(String p, boolean folding) {
        return literalRuns(p, folding, new ArrayList<>());
    }

    /**
     * Adds every required literal run of one branch to {@code runs} (lower case) and returns the longest, or
     * {@code null} when the branch cannot be read safely.
     */
    private static String literalRuns(String p, boolean folding, List<String> runs) {
        List<List<String>> walked = new ArrayList<>();
        if (!literalChoices(p, folding, false, walked)) {
            return null;
        }
        String best = "";
        for (List<String> run : walked) {
            String text = run.get(0); // one text each: no class is spelled out
            runs.add(text);
            if (text.length() > best.length()) best = text;
        }
        return best;
    }

    /** Index of the {@code )} closing the group opened at {@code open}, or -1. */
    private static int groupEnd(String p, int open) {
        int depth = 0;
        for (int i = open; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = RegexSyntax.classEnd(p, i);
                if (i < 0) return -1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index after a {@code {n}}, {@code {n,}} or {@code {n,m}} repetition at {@code open}, or -1. */
    private static int skipRepeat(String p, int open) {
        int close = p.indexOf('}', open);
        if (close < 0 || !p.substring(open + 1, close).matches("\\d+(,\\d*)?")) {
            return -1;
        }
        return close + 1;
    }
}
