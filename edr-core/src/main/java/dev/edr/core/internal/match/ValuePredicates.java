package dev.edr.core.internal.match;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.ValueMatch;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Compiles each {@link ValueMatch} once into a {@link ValuePredicate}. Every test on a multi-valued field
 * holds when any of its leaves passes; absent fields fail every value test except {@code null} and
 * {@code exists: false}.
 */
final class ValuePredicates {
    private ValuePredicates() {}

    /**
     * @param keyword the item is a keyword list: globs match as substrings of any string or number in the
     *     event, and tests that need a field (exists, null, fieldref) are rejected
     */
    static ValuePredicate compile(ValueMatch match, boolean keyword) {
        if (match instanceof ValueMatch.StringMatch s) {
            Glob glob = keyword ? s.glob().prepend(Glob.Wildcard.MANY).append(Glob.Wildcard.MANY) : s.glob();
            return TextMatchers.valueTest(glob, s.cased());
        }
        if (match instanceof ValueMatch.RegexMatch r) {
            return regexTest(r);
        }
        if (match instanceof ValueMatch.NumberCompare n) {
            return numberCompare(n);
        }
        if (match instanceof ValueMatch.CidrMatch cidr) {
            CidrRange range = CidrRange.parse(cidr.cidr());
            if (range == null) {
                throw new CompileException(IssueCode.INVALID_CIDR, "invalid CIDR range '" + cidr.cidr() + "'");
            }
            return (v, c) -> {
                for (String t : v.texts()) {
                    if (range.contains(IpAddress.parse(t))) return true;
                }
                return false;
            };
        }
        if (match instanceof ValueMatch.BoolMatch b) {
            String expected = b.value() ? "true" : "false";
            return (v, c) -> anyText(v.lowerTexts(), expected::equals);
        }
        if (match instanceof ValueMatch.TimePart t) {
            return timePart(t);
        }
        if (match instanceof ValueMatch.AnyOf any) {
            List<ValuePredicate> alternatives = any.alternatives().stream().map(a -> compile(a, keyword)).toList();
            return (v, c) -> {
                for (ValuePredicate p : alternatives) {
                    if (p.test(v, c)) return true;
                }
                return false;
            };
        }
        if (match instanceof ValueMatch.Placeholder p) {
            throw new CompileException(IssueCode.UNSUPPORTED_FEATURE, "placeholder '%" + p.name()
                    + "%' (expand modifier) is not resolved by any pipeline; this engine cannot evaluate it");
        }
        if (keyword) {
            throw new CompileException(IssueCode.UNSUPPORTED_FEATURE,
                    "a keyword list cannot test '" + describe(match) + "': it needs a field name");
        }
        if (match instanceof ValueMatch.Exists e) {
            boolean wanted = e.present();
            return (v, c) -> v.present() == wanted;
        }
        if (match instanceof ValueMatch.IsNull) {
            return (v, c) -> v.isNull();
        }
        if (match instanceof ValueMatch.FieldRef f) {
            return fieldRef(f);
        }
        throw new IllegalStateException("unknown value match " + match.getClass());
    }

    /**
     * The value test of a regex. Before RE2J runs on a text, the literals every match contains
     * ({@link RegexLiterals}, the same the prefilter's triggers rest on, and one text per required group, such as one
     * of the folder names of {@code (?:[Pp]rogram[Dd]ata|\\[Aa]pp[Dd]ata\\)}) must be in its lower-cased form: a rule
     * is a candidate when some value holds its trigger, yet the regex usually needs more than that one literal
     * (SigmaHQ's PowerShell token obfuscation rule tries three regexes on every command line with a {@code v} in
     * it), and {@code indexOf} on the cached lower-cased text is far cheaper than RE2J's NFA.
     */
    private static ValuePredicate regexTest(ValueMatch.RegexMatch r) {
        TextMatcher m = regexMatcher(r);
        if (!(m instanceof Re2jMatcher)) {
            return (v, c) -> anyText(v.texts(), m); // the shortcuts cost about what the check would
        }
        List<String> runs = RegexLiterals.requiredRuns(r.pattern(), r.ignoreCase());
        List<String> branches = runs == null ? RegexLiterals.required(r.pattern(), r.ignoreCase()) : null;
        List<List<String>> groups = RegexLiterals.requiredGroups(r.pattern(), r.ignoreCase());
        if ((runs == null || runs.isEmpty()) && branches == null && groups.isEmpty()) {
            return (v, c) -> anyText(v.texts(), m);
        }
        String[] all = runs == null ? new String[0] : runs.toArray(String[]::new);
        String[] oneOf = branches == null ? null : branches.toArray(String[]::new);
        String[][] eachGroup = groups.stream().map(g -> g.toArray(String[]::new)).toArray(String[][]::new);
        return (v, c) -> {
            String[] texts = v.texts();
            if (texts.length == 0) return false;
            String[] lower = v.lowerTexts(); // index for index the same texts
            for (int i = 0; i < texts.length; i++) {
                if (holdsLiterals(lower[i], all, oneOf, eachGroup) && m.matches(texts[i])) return true;
            }
            return false;
        };
    }

    /**
     * Whether a lower-cased text holds every literal of {@code all}, one of {@code oneOf} (unless null) and one of
     * each of {@code eachGroup}.
     */
    private static boolean holdsLiterals(String lower, String[] all, String[] oneOf, String[][] eachGroup) {
        for (String l : all) {
            if (!lower.contains(l)) return false;
        }
        for (String[] group : eachGroup) {
            if (!containsOne(lower, group)) return false;
        }
        return oneOf == null || containsOne(lower, oneOf);
    }

    private static boolean containsOne(String lower, String[] literals) {
        for (String l : literals) {
            if (lower.contains(l)) return true;
        }
        return false;
    }

    /**
     * RE2J's search, as a class of its own so that {@link #regexTest} knows it is the slow path; over the last
     * {@code tail} characters only when the pattern's matches must lie there ({@link TailRegex}), else -1.
     */
    private record Re2jMatcher(Pattern pattern, ClassRun run, int tail) implements TextMatcher {
        @Override
        public boolean matches(String text) {
            if (run != null && !run.foundIn(text)) return false;
            String searched = tail >= 0 && text.length() > tail ? text.substring(text.length() - tail) : text;
            return pattern.matcher(searched).find();
        }
    }

    /**
     * RE2J's unanchored search, or an exact shortcut for the shapes that cost it most: {@link LongRun},
     * {@link LiteralChain}, {@link BitRegex}, {@link RegexAlternatives}, and for longer or richer patterns the
     * {@link ClassRun} a match needs before RE2J is worth running.
     */
    private static TextMatcher regexMatcher(ValueMatch.RegexMatch r) {
        Pattern p = regex(r); // compiled in every case: an invalid pattern is an error whatever the shortcut
        int run = LongRun.minimum(r.pattern());
        if (run >= 0) {
            boolean dotAll = r.dotAll();
            return t -> LongRun.hasRun(t, run, dotAll);
        }
        LiteralChain chain = LiteralChain.of(r.pattern(), r.ignoreCase(), r.dotAll());
        if (chain != null) {
            return chain::foundIn;
        }
        BitRegex bits = BitRegex.of(r.pattern(), r.ignoreCase(), r.multiline(), r.dotAll());
        if (bits != null) {
            return bits::find;
        }
        RegexAlternatives alternatives = RegexAlternatives.of(r.pattern(), r.ignoreCase(), r.multiline(), r.dotAll());
        if (alternatives != null) {
            return alternatives::find;
        }
        return new Re2jMatcher(p, ClassRun.of(r.pattern(), r.ignoreCase()), TailRegex.tailChars(r.pattern(), r.multiline()));
    }

    private static boolean anyText(String[] texts, TextMatcher m) {
        for (String t : texts) {
            if (m.matches(t)) return true;
        }
        return false;
    }

    private static Pattern regex(ValueMatch.RegexMatch r) {
        int flags = (r.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0) | (r.multiline() ? Pattern.MULTILINE : 0)
                | (r.dotAll() ? Pattern.DOTALL : 0);
        try {
            return Pattern.compile(r.pattern(), flags);
        } catch (PatternSyntaxException e) {
            throw new CompileException(IssueCode.INVALID_REGEX,
                    "invalid regular expression '" + r.pattern() + "': " + e.getDescription());
        }
    }

    private static ValuePredicate numberCompare(ValueMatch.NumberCompare n) {
        BigDecimal bound = n.value();
        ValueMatch.Comparison op = n.op();
        return (v, c) -> {
            for (Object leaf : v.leaves()) {
                BigDecimal x = ValueText.number(leaf);
                if (x == null) continue;
                int cmp = x.compareTo(bound);
                boolean ok = switch (op) {
                    case LT -> cmp < 0;
                    case LTE -> cmp <= 0;
                    case GT -> cmp > 0;
                    case GTE -> cmp >= 0;
                };
                if (ok) return true;
            }
            return false;
        };
    }

    private static ValuePredicate timePart(ValueMatch.TimePart t) {
        ValuePredicate inner = compile(t.inner(), false);
        ValueMatch.TimeUnit unit = t.unit();
        return (v, c) -> {
            for (String text : v.texts()) {
                Long part = DateParts.extract(text, unit);
                if (part != null && inner.test(FieldView.of(part), c)) return true;
            }
            return false;
        };
    }

    private static ValuePredicate fieldRef(ValueMatch.FieldRef f) {
        String other = f.otherField();
        boolean cased = f.cased();
        ValueMatch.Position pos = f.position();
        return (v, c) -> {
            FieldView o = c.field(other);
            String[] mine = cased ? v.texts() : v.lowerTexts();
            String[] theirs = cased ? o.texts() : o.lowerTexts();
            for (String a : mine) {
                for (String b : theirs) {
                    boolean ok = switch (pos) {
                        case EQUALS -> a.equals(b);
                        case STARTSWITH -> a.startsWith(b);
                        case ENDSWITH -> a.endsWith(b);
                        case CONTAINS -> a.contains(b);
                    };
                    if (ok) return true;
                }
            }
            return false;
        };
    }

    static String describe(ValueMatch m) {
        return m.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
