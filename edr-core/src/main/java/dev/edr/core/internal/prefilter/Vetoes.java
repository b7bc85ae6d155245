package dev.edr.core.internal.prefilter;

import dev.edr.core.internal.match.PlainGlob;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Atoms whose presence proves that a detection cannot match: the rule's condition is {@code ... and not X} and an
 * atom of X found in the event makes X true. Rules made only of exclusions ({@code not 1 of filter_*}, SigmaHQ's
 * "Execution Of Non-Existing File": no backslash in the image) have no trigger and are candidates for every event of
 * their logsource; most of those events hold a veto ({@code \} in the image) and need not be tested.
 *
 * <p>Unlike a trigger, which only has to be necessary, a veto must be exact: the atom found must mean the
 * selection holds. So only plain case-insensitive texts count (equals, starts with, ends with, contains; no other
 * wildcard; short enough not to be cut), whose atom test is the matcher's test on the same lower-cased text, and
 * the collector honours vetoes only when the event field it scanned is the one the matcher reads (no second key
 * differing only in case).
 */
public final class Vetoes {
    private Vetoes() {}

    /** The veto atoms of {@code detection}, empty when there are none. */
    public static Set<Atom> of(Detection detection) {
        Set<Atom> out = new LinkedHashSet<>();
        Condition root = detection.condition();
        if (root instanceof Condition.And and) {
            for (Condition c : and.operands()) {
                if (c instanceof Condition.Not not) proves(not.operand(), detection, out);
            }
        } else if (root instanceof Condition.Not not) {
            proves(not.operand(), detection, out);
        }
        return Set.copyOf(out);
    }

    /** Adds atoms any one of which makes {@code c} true. */
    private static void proves(Condition c, Detection d, Set<Atom> out) {
        if (c instanceof Condition.Ref ref) {
            Selection s = d.selections().get(ref.identifier());
            if (s != null) proves(s, out);
        } else if (c instanceof Condition.Or or) {
            for (Condition o : or.operands()) proves(o, d, out);
        } else if (c instanceof Condition.And and && and.operands().size() == 1) {
            proves(and.operands().get(0), d, out);
        }
    }

    private static void proves(Selection s, Set<Atom> out) {
        if (s instanceof Selection.AnyOf any) {
            for (Selection item : any.items()) proves(item, out);
        } else if (s instanceof Selection.AllOf all) {
            if (all.items().size() == 1) proves(all.items().get(0), out);
        } else {
            Selection.FieldMatch f = (Selection.FieldMatch) s;
            if (f.negated() || f.field() == null || (f.matchAll() && f.values().size() != 1)) return;
            for (ValueMatch v : f.values()) {
                Atom a = exact(v, f.field());
                if (a != null) out.add(a);
            }
        }
    }

    /** The atom whose presence is exactly this value's test, or {@code null}. */
    private static Atom exact(ValueMatch v, String field) {
        if (!(v instanceof ValueMatch.StringMatch m) || m.cased()) return null;
        PlainGlob plain = PlainGlob.of(m.glob());
        if (plain == null) return null;
        String needle = plain.text().toLowerCase(Locale.ROOT); // as the matchers lower rule text
        if (needle.isEmpty() || needle.length() > Atom.MAX_NEEDLE) return null; // a cut needle proves nothing
        Atom.Anchor anchor = plain.anyBefore() && plain.anyAfter() ? Atom.Anchor.CONTAINS
                : plain.anyBefore() ? Atom.Anchor.SUFFIX : plain.anyAfter() ? Atom.Anchor.PREFIX : Atom.Anchor.EQUALS;
        return new Atom(field, needle, anchor);
    }
}
