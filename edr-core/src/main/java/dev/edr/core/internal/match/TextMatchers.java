package dev.edr.core.internal.match;

import dev.edr.core.rule.Glob;
import java.util.List;
import java.util.Locale;

/**
 * Compiles a {@link Glob} into the cheapest {@link TextMatcher} for its shape: the common Sigma shapes
 * (equals, startswith, endswith, contains) become plain {@link String} operations; anything else becomes a
 * {@link GlobPattern}. Case-insensitive matchers hold lower-cased rule text and expect lower-cased input.
 */
public final class TextMatchers {
    private TextMatchers() {}

    /** Matches when {@code text} satisfies the glob; {@code cased == false} expects lower-cased input. */
    public static TextMatcher compile(Glob glob, boolean cased) {
        Glob g = cased ? glob : lower(glob);
        List<Glob.Segment> s = g.segments();
        if (s.isEmpty()) {
            return String::isEmpty;
        }
        if (!s.contains(Glob.Wildcard.ONE)) {
            TextMatcher simple = simpleShape(g);
            if (simple != null) {
                return simple;
            }
        }
        return new GlobPattern(s);
    }

    /**
     * The value test "some text of the field matches the glob" (its lower-cased texts unless {@code cased}). The
     * common case-insensitive shapes are their own value test: one small object per rule value instead of a matcher
     * and a wrapper, since a pack has tens of thousands of values.
     */
    static ValuePredicate valueTest(Glob glob, boolean cased) {
        TextMatcher m = compile(glob, cased);
        if (!cased && m instanceof LowerTexts test) {
            return test;
        }
        return cased ? (v, c) -> anyText(v.texts(), m) : (v, c) -> anyText(v.lowerTexts(), m);
    }

    private static boolean anyText(String[] texts, TextMatcher m) {
        for (String t : texts) {
            if (m.matches(t)) return true;
        }
        return false;
    }

    private static TextMatcher simpleShape(Glob g) {
        List<Glob.Segment> s = g.segments();
        boolean lead = s.get(0) == Glob.Wildcard.MANY;
        boolean trail = s.get(s.size() - 1) == Glob.Wildcard.MANY;
        int texts = 0;
        for (Glob.Segment x : s) {
            if (x instanceof Glob.Text) texts++;
        }
        if (texts == 0) {
            return text -> true; // "*"
        }
        PlainGlob plain = PlainGlob.of(g);
        if (plain != null) {
            String t = plain.text();
            if (plain.anyBefore() && plain.anyAfter()) return new Contains(t);
            if (plain.anyBefore()) return new EndsWith(t);
            if (plain.anyAfter()) return new StartsWith(t);
            return new Equals(t);
        }
        if (texts == 2 && s.size() == 3 && !lead && !trail) {
            String prefix = ((Glob.Text) s.get(0)).text();
            String suffix = ((Glob.Text) s.get(2)).text();
            int min = prefix.length() + suffix.length();
            return text -> text.length() >= min && text.startsWith(prefix) && text.endsWith(suffix);
        }
        return null;
    }

    /** A matcher that is also the value test over a field's lower-cased texts (used as one only when lowered). */
    private abstract static class LowerTexts implements TextMatcher, ValuePredicate {
        final String t;

        LowerTexts(String t) {
            this.t = t;
        }

        @Override
        public final boolean test(FieldView value, EvalContext context) {
            for (String text : value.lowerTexts()) {
                if (matches(text)) return true;
            }
            return false;
        }
    }

    private static final class Equals extends LowerTexts {
        Equals(String t) {
            super(t);
        }

        @Override
        public boolean matches(String text) {
            return t.equals(text);
        }
    }

    private static final class StartsWith extends LowerTexts {
        StartsWith(String t) {
            super(t);
        }

        @Override
        public boolean matches(String text) {
            return text.startsWith(t);
        }
    }

    private static final class EndsWith extends LowerTexts {
        EndsWith(String t) {
            super(t);
        }

        @Override
        public boolean matches(String text) {
            return text.endsWith(t);
        }
    }

    private static final class Contains extends LowerTexts {
        Contains(String t) {
            super(t);
        }

        @Override
        public boolean matches(String text) {
            return text.contains(t);
        }
    }

    static Glob lower(Glob glob) {
        return Glob.of(glob.segments().stream()
                .map(x -> x instanceof Glob.Text t ? new Glob.Text(t.text().toLowerCase(Locale.ROOT)) : x)
                .toList());
    }
}
