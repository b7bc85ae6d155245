package dev.edr.core.internal.prefilter;

import dev.edr.core.internal.match.RegexLiterals;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Derives from a detection a necessary condition made of literals: a few groups of {@link Atom}s such that every
 * event the detection matches contains at least one atom of every group. A rule becomes a candidate only when all
 * its groups are hit, so {@code EventID: 5145} and {@code ShareName|contains: ...} together pick far fewer events
 * than either alone. No groups means nothing could be derived (a negation, a numeric test...): the rule is a
 * candidate for every event of its logsource. An empty group means the detection can never match.
 *
 * <p>Soundness rests on mirroring the matchers exactly: a case-insensitive glob matches lower-cased text against
 * the glob's lower-cased literal pieces, so each piece occurs in the text, at the start when the glob starts with
 * it, at the end when it ends with it; a regex match contains its required literals ({@link RegexLiterals}). Every
 * operand of an AND is necessary, so each contributes its groups; an OR is necessary only as a whole, so it
 * contributes one group: the union of one group of each operand.
 */
public final class Triggers {
    /** More groups cost a little per hit and rarely narrow further. */
    static final int MAX_GROUPS = 3;

    private Triggers() {}

    /** The trigger groups of the detection (at most {@link #MAX_GROUPS}, cheapest first); empty when unknown. */
    public static List<Set<Atom>> of(Detection detection) {
        List<Set<Atom>> groups = new ArrayList<>(new LinkedHashSet<>(condition(detection.condition(), detection)));
        // each group's weight once: a group can hold thousands of atoms (hash lists)
        java.util.IdentityHashMap<Set<Atom>, Double> weights = new java.util.IdentityHashMap<>();
        for (Set<Atom> g : groups) weights.put(g, weight(g));
        groups.sort(Comparator.comparingDouble(weights::get));
        return List.copyOf(groups.subList(0, Math.min(MAX_GROUPS, groups.size())));
    }

    private static List<Set<Atom>> condition(Condition c, Detection d) {
        if (c instanceof Condition.Ref ref) {
            Selection s = d.selections().get(ref.identifier());
            return s == null ? List.of() : selection(s);
        }
        if (c instanceof Condition.Not) {
            return List.of();
        }
        if (c instanceof Condition.And and) {
            List<Set<Atom>> all = new ArrayList<>();
            for (Condition o : and.operands()) all.addAll(condition(o, d));
            return all;
        }
        List<List<Set<Atom>>> parts = new ArrayList<>();
        for (Condition o : ((Condition.Or) c).operands()) parts.add(condition(o, d));
        return anyOf(parts);
    }

    private static List<Set<Atom>> selection(Selection s) {
        if (s instanceof Selection.AllOf all) {
            List<Set<Atom>> groups = new ArrayList<>();
            for (Selection item : all.items()) groups.addAll(selection(item));
            return groups;
        }
        if (s instanceof Selection.AnyOf any) {
            return anyOf(any.items().stream().map(Triggers::selection).toList());
        }
        Selection.FieldMatch f = (Selection.FieldMatch) s;
        if (f.negated()) {
            return List.of();
        }
        if (f.values().size() == 1 && f.values().get(0) instanceof ValueMatch.RegexMatch r) {
            // a single regex: each literal run it requires is a group of its own ('cmd' and '"set' both), and a run
            // that a short class spells out is a group of its texts ('. ', '."' and ".'" rather than '.')
            List<List<String>> runs = RegexLiterals.requiredRunChoices(r.pattern(), r.ignoreCase());
            if (runs != null && (runs.size() > 1 || runs.size() == 1 && runs.get(0).size() > 1)) {
                List<Set<Atom>> groups = new ArrayList<>();
                for (List<String> texts : runs) {
                    Set<Atom> group = new LinkedHashSet<>();
                    for (String text : texts) group.add(Atom.of(f.field(), text, Atom.Anchor.CONTAINS));
                    groups.add(group);
                }
                return groups;
            }
        }
        List<List<Set<Atom>>> perValue = new ArrayList<>();
        for (ValueMatch v : f.values()) perValue.add(value(v, f.field()));
        if (f.matchAll()) {
            List<Set<Atom>> groups = new ArrayList<>();
            perValue.forEach(groups::addAll); // no values: vacuously true, no groups
            return groups;
        }
        return anyOf(perValue);
    }

    /**
     * The groups necessary for at least one alternative: each group every alternative has (the {@code |} and
     * {@code find} of {@code 'ipconfig*|*find'} and {@code 'net*|*find'}), and, unless some alternative has no other,
     * the union of each alternative's cheapest other group and the union of its second cheapest (its only one when
     * it has one).
     */
    private static List<Set<Atom>> anyOf(List<List<Set<Atom>>> alternatives) {
        for (List<Set<Atom>> groups : alternatives) {
            if (groups.isEmpty()) {
                return List.of();
            }
        }
        // loops rather than streams: a cold compile runs this for every OR of every rule, much of it interpreted
        List<Set<Atom>> common = new ArrayList<>();
        for (Set<Atom> g : alternatives.get(0)) {
            if (!common.contains(g) && inEvery(alternatives, g)) common.add(g);
        }
        // two unions, of each alternative's cheapest group and of its second cheapest (its only one when it has one):
        // both are necessary, and together they depend less on the weights being right
        Set<Atom> first = new LinkedHashSet<>();
        Set<Atom> second = new LinkedHashSet<>();
        for (List<Set<Atom>> groups : alternatives) {
            Set<Atom> cheapest = null;
            Set<Atom> next = null;
            double cheapestWeight = Double.POSITIVE_INFINITY;
            double nextWeight = Double.POSITIVE_INFINITY;
            for (Set<Atom> g : groups) { // ties keep the detection's order
                if (common.contains(g)) continue;
                double w = weight(g);
                if (w < cheapestWeight) {
                    next = cheapest;
                    nextWeight = cheapestWeight;
                    cheapest = g;
                    cheapestWeight = w;
                } else if (w < nextWeight) {
                    next = g;
                    nextWeight = w;
                }
            }
            if (cheapest == null) {
                return common; // this alternative needs nothing beyond the common groups: a union adds nothing
            }
            first.addAll(cheapest);
            second.addAll(next == null ? cheapest : next);
        }
        List<Set<Atom>> out = new ArrayList<>(common);
        out.add(first);
        if (!second.equals(first)) out.add(second);
        return out;
    }

    private static boolean inEvery(List<List<Set<Atom>>> alternatives, Set<Atom> group) {
        for (List<Set<Atom>> groups : alternatives) {
            if (!groups.contains(group)) return false;
        }
        return true;
    }

    /** Groups of atoms, one of each occurring whenever the value test holds; empty if unknown. */
    private static List<Set<Atom>> value(ValueMatch v, String field) {
        if (v instanceof ValueMatch.StringMatch s) {
            return s.cased() ? List.of() : glob(s.glob(), field);
        }
        if (v instanceof ValueMatch.RegexMatch r) {
            List<String> runs = RegexLiterals.requiredRuns(r.pattern(), r.ignoreCase());
            if (runs != null) { // one branch: every literal run it requires is necessary on its own
                List<Set<Atom>> groups = new ArrayList<>();
                for (String run : runs) groups.add(Set.of(Atom.of(field, run, Atom.Anchor.CONTAINS)));
                return groups;
            }
            List<String> literals = RegexLiterals.required(r.pattern(), r.ignoreCase());
            if (literals == null) {
                return List.of();
            }
            Set<Atom> atoms = new LinkedHashSet<>();
            for (String l : literals) atoms.add(Atom.of(field, l, Atom.Anchor.CONTAINS));
            return List.of(atoms);
        }
        if (v instanceof ValueMatch.BoolMatch b) {
            return field == null ? List.of()
                    : List.of(Set.of(new Atom(field, b.value() ? "true" : "false", Atom.Anchor.EQUALS)));
        }
        if (v instanceof ValueMatch.AnyOf any) {
            List<List<Set<Atom>>> alternatives = new ArrayList<>();
            for (ValueMatch alternative : any.alternatives()) alternatives.add(value(alternative, field));
            return anyOf(alternatives);
        }
        return List.of();
    }

    /**
     * Every literal piece of a case-insensitive glob, each a group of its own: the text holds each of them, the
     * first at its start and the last at its end (keyword globs match anywhere).
     */
    private static List<Set<Atom>> glob(Glob glob, String field) {
        List<Glob.Segment> segs = glob.segments();
        List<Set<Atom>> groups = new ArrayList<>();
        for (int i = 0; i < segs.size(); i++) {
            if (!(segs.get(i) instanceof Glob.Text t)) continue;
            String needle = t.text().toLowerCase(Locale.ROOT);
            if (needle.isEmpty()) continue;
            Atom.Anchor anchor = Atom.Anchor.CONTAINS;
            if (field != null) {
                boolean first = i == 0;
                boolean last = i == segs.size() - 1;
                anchor = first && last ? Atom.Anchor.EQUALS
                        : first ? Atom.Anchor.PREFIX : last ? Atom.Anchor.SUFFIX : Atom.Anchor.CONTAINS;
            }
            Set<Atom> group = Set.of(Atom.of(field, needle, anchor));
            if (!groups.contains(group)) groups.add(group);
        }
        return groups;
    }

    static double weight(Set<Atom> atoms) {
        double w = 0;
        for (Atom a : atoms) w += a.weight();
        return w;
    }
}
