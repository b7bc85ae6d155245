package dev.edr.core.internal.match;

import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks a field test that a detection's condition requires (an operand of its top-level AND, down through the
 * selections' own ANDs), for rules whose literals give the prefilter nothing to go on: SigmaHQ's "Potential
 * Executable Run Itself As Sacrificial Process" ({@code Image|fieldref: ParentImage}) would otherwise be a candidate
 * for every process start. The test holds whenever the condition does, so testing it first loses no detection.
 */
final class Precheck {
    private Precheck() {}

    /** The required item to test first: one comparing fields, else a regex, else any; {@code null} when none. */
    static Selection.FieldMatch of(Detection detection) {
        List<Selection.FieldMatch> required = new ArrayList<>();
        collect(detection.condition(), detection, required);
        Selection.FieldMatch regex = null;
        Selection.FieldMatch any = null;
        for (Selection.FieldMatch f : required) {
            if (f.values().stream().anyMatch(ValueMatch.FieldRef.class::isInstance)) return f;
            if (regex == null && f.values().stream().allMatch(ValueMatch.RegexMatch.class::isInstance)) regex = f;
            if (any == null) any = f;
        }
        return regex != null ? regex : any;
    }

    private static void collect(Condition c, Detection d, List<Selection.FieldMatch> out) {
        if (c instanceof Condition.Ref ref) {
            Selection s = d.selections().get(ref.identifier());
            if (s != null) collect(s, out);
        } else if (c instanceof Condition.And and) {
            for (Condition o : and.operands()) collect(o, d, out);
        } // an OR or a NOT requires none of its operands
    }

    private static void collect(Selection s, List<Selection.FieldMatch> out) {
        if (s instanceof Selection.AllOf all) {
            for (Selection item : all.items()) collect(item, out);
        } else if (s instanceof Selection.FieldMatch f && !f.negated() && f.field() != null && !f.values().isEmpty()) {
            out.add(f);
        }
    }
}
