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
        if (s.stream().noneMatch(x -> x == Glob.Wildcard.ONE)) {
            TextMatcher simple = simpleShape(s);
            if (simple != null) {
                return simple;
            }
        }
        return new GlobPattern(s);
    }

    private static TextMatcher simpleShape(List<Glob.Segment> s) {
        boolean lead = s.get(0) == Glob.Wildcard.MANY;
        boolean trail = s.get(s.size() - 1) == Glob.Wildcard.MANY;
        int texts = (int) s.stream().filter(x -> x instanceof Glob.Text).count();
        if (texts == 0) {
            return text -> true; // "*"
        }
        if (texts == 1 && s.size() == (lead ? 1 : 0) + (trail ? 1 : 0) + 1) {
            String t = ((Glob.Text) s.get(lead ? 1 : 0)).text();
            if (lead && trail) return text -> text.contains(t);
            if (lead) return text -> text.endsWith(t);
            if (trail) return text -> text.startsWith(t);
            return t::equals;
        }
        if (texts == 2 && s.size() == 3 && !lead && !trail) {
            String prefix = ((Glob.Text) s.get(0)).text();
            String suffix = ((Glob.Text) s.get(2)).text();
            int min = prefix.length() + suffix.length();
            return text -> text.length() >= min && text.startsWith(prefix) && text.endsWith(suffix);
        }
        return null;
    }

    static Glob lower(Glob glob) {
        return Glob.of(glob.segments().stream()
                .map(x -> x instanceof Glob.Text t ? new Glob.Text(t.text().toLowerCase(Locale.ROOT)) : x)
                .toList());
    }
}
