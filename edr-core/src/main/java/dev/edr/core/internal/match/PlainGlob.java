package dev.edr.core.internal.match;

import dev.edr.core.rule.Glob;
import java.util.List;

/**
 * A glob that is one text, with {@code *} at most before and after it: equals, starts with, ends with or contains,
 * the shapes most Sigma values have. Read once here for the matchers, the set tests and the prefilter's vetoes.
 */
public record PlainGlob(String text, boolean anyBefore, boolean anyAfter) {
    /** The plain shape of {@code glob}, or {@code null} when it has another wildcard, two texts or none. */
    public static PlainGlob of(Glob glob) {
        List<Glob.Segment> seg = glob.segments();
        boolean before = !seg.isEmpty() && seg.get(0) == Glob.Wildcard.MANY;
        boolean after = seg.size() > 1 && seg.get(seg.size() - 1) == Glob.Wildcard.MANY;
        int at = before ? 1 : 0;
        if (seg.size() != at + 1 + (after ? 1 : 0) || !(seg.get(at) instanceof Glob.Text t)) {
            return null;
        }
        return new PlainGlob(t.text(), before, after);
    }
}
