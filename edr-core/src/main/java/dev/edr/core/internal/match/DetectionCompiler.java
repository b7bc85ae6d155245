package dev.edr.core.internal.match;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a detection section (selections and condition) into {@link EventPredicate}s. Semantics of a
 * field item: its values are OR-ed (AND-ed with {@code all}); {@code neq} negates the whole item, so a
 * negated item on an absent field holds.
 */
final class DetectionCompiler {
    /** A compile problem and where it is. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient IssueCode code;
        final transient SourceLocation location;

        Failure(IssueCode code, SourceLocation location, String message) {
            super(message, null, false, false);
            this.code = code;
            this.location = location;
        }
    }

    /**
     * The compiled condition and the selections it references, in detection (file) order. When the condition holds,
     * it implies the values of some of them: if of all, {@code impliedMatches} names those that then hold (and
     * {@code implied} is null); else {@code implied} gives, per selection in that order, {@link #HOLDS},
     * {@link #FAILS} or {@link #OPEN} (and {@code impliedMatches} is null).
     */
    record Compiled(EventPredicate condition, Map<String, EventPredicate> referencedSelections, byte[] implied,
            List<String> impliedMatches) {}

    /** The condition holds only if the selection does ({@code sel and not filter}: {@code sel}). */
    static final byte HOLDS = 1;
    /** The condition holds only if the selection does not ({@code sel and not filter}: {@code filter}). */
    static final byte FAILS = 2;
    /** Either way. */
    static final byte OPEN = 0;

    private DetectionCompiler() {}

    static Compiled compile(Detection detection, SourceLocation fallback, SharedPredicates shared) {
        Map<String, EventPredicate> selections = new LinkedHashMap<>();
        for (Map.Entry<String, Selection> e : detection.selections().entrySet()) {
            selections.put(e.getKey(), selection(e.getValue(), fallback, shared));
        }
        Set<String> referenced = new LinkedHashSet<>();
        EventPredicate condition = condition(detection.condition(), selections, referenced, fallback);
        Map<String, EventPredicate> used = new LinkedHashMap<>();
        selections.forEach((name, p) -> {
            if (referenced.contains(name)) used.put(name, p);
        });
        Map<String, Byte> implied = new HashMap<>();
        implied(detection.condition(), true, implied);
        byte[] values = new byte[used.size()];
        List<String> holding = new ArrayList<>();
        int i = 0;
        for (String name : used.keySet()) {
            byte v = implied.getOrDefault(name, OPEN);
            values[i++] = v;
            if (v == OPEN) holding = null;
            else if (v == HOLDS && holding != null) holding.add(name.intern());
        }
        return holding == null ? new Compiled(condition, used, values, null)
                : new Compiled(condition, used, null, shared.names(holding));
    }

    /**
     * Records in {@code out} what {@code cond} having the value {@code value} implies for the selections it
     * references: an {@code and} that holds implies each operand, an {@code or} that fails implies each operand
     * fails, a {@code not} the opposite of its operand. A selection implied both ways (a condition that can never
     * hold) is {@link #OPEN}.
     */
    static void implied(Condition cond, boolean value, Map<String, Byte> out) {
        if (cond instanceof Condition.Ref ref) {
            byte v = value ? HOLDS : FAILS;
            Byte known = out.putIfAbsent(ref.identifier(), v);
            if (known != null && known != v) out.put(ref.identifier(), OPEN);
        } else if (cond instanceof Condition.Not not) {
            implied(not.operand(), !value, out);
        } else if (cond instanceof Condition.And and && value) {
            for (Condition c : and.operands()) implied(c, true, out);
        } else if (cond instanceof Condition.Or or && !value) {
            for (Condition c : or.operands()) implied(c, false, out);
        }
    }

    static EventPredicate selection(Selection s, SourceLocation fallback) {
        return selection(s, fallback, new SharedPredicates());
    }

    /** Each item's predicate; a loop, not a stream: a cold compile runs this for every selection, interpreted. */
    private static EventPredicate[] selections(List<Selection> items, SourceLocation fallback,
            SharedPredicates shared) {
        EventPredicate[] out = new EventPredicate[items.size()];
        for (int i = 0; i < out.length; i++) out[i] = selection(items.get(i), fallback, shared);
        return out;
    }

    static EventPredicate selection(Selection s, SourceLocation fallback, SharedPredicates shared) {
        if (s instanceof Selection.AllOf all) {
            EventPredicate[] items = selections(all.items(), fallback, shared);
            return c -> {
                for (EventPredicate p : items) {
                    if (!p.test(c)) return false;
                }
                return true;
            };
        }
        if (s instanceof Selection.AnyOf any) {
            EventPredicate[] items = selections(any.items(), fallback, shared);
            return c -> {
                for (EventPredicate p : items) {
                    if (p.test(c)) return true;
                }
                return false;
            };
        }
        Selection.FieldMatch f = (Selection.FieldMatch) s;
        return shared.fieldMatch(f, () -> fieldMatch(f, fallback, shared));
    }

    private static EventPredicate fieldMatch(Selection.FieldMatch f, SourceLocation fallback, SharedPredicates shared) {
        SourceLocation at = f.location() != null ? f.location() : fallback;
        boolean all = f.matchAll();
        // a long list of plain texts is one set test; its values (plain texts) have nothing to report when compiled
        TextSet set = all || f.isKeyword() ? null : TextSet.of(f.values());
        List<ValuePredicate> compiled = new ArrayList<>();
        for (ValueMatch v : set != null ? List.<ValueMatch>of() : f.values()) {
            try {
                compiled.add(shared.value(v, f.isKeyword()));
            } catch (CompileException e) {
                throw new Failure(e.code(), at, e.getMessage());
            }
        }
        ValuePredicate[] values = set != null ? new ValuePredicate[] {set} : compiled.toArray(ValuePredicate[]::new);
        boolean negated = f.negated();
        String field = f.field() == null ? null : f.field().intern(); // the same few dozen names in every rule
        if (values.length == 1) { // most items have one value, for which "all" and "any" agree: no array to hold
            ValuePredicate p = values[0];
            return field == null ? c -> negated != p.test(c.keywords(), c) : c -> negated != p.test(c.field(field), c);
        }
        return c -> {
            FieldView v = field == null ? c.keywords() : c.field(field);
            boolean result = all;
            for (ValuePredicate p : values) {
                if (p.test(v, c) != all) {
                    result = !all;
                    break;
                }
            }
            return negated != result;
        };
    }

    private static EventPredicate condition(Condition cond, Map<String, EventPredicate> selections,
            Set<String> referenced, SourceLocation at) {
        if (cond instanceof Condition.Ref ref) {
            EventPredicate p = selections.get(ref.identifier());
            if (p == null) {
                throw new Failure(IssueCode.UNDEFINED_IDENTIFIER, at,
                        "the condition names undefined search identifier '" + ref.identifier() + "'");
            }
            referenced.add(ref.identifier());
            return p;
        }
        if (cond instanceof Condition.Not not) {
            EventPredicate p = condition(not.operand(), selections, referenced, at);
            return c -> !p.test(c);
        }
        boolean isAnd = cond instanceof Condition.And;
        List<Condition> ops = isAnd ? ((Condition.And) cond).operands() : ((Condition.Or) cond).operands();
        EventPredicate[] parts = new EventPredicate[ops.size()];
        for (int i = 0; i < parts.length; i++) parts[i] = condition(ops.get(i), selections, referenced, at);
        if (isAnd) {
            return c -> {
                for (EventPredicate p : parts) {
                    if (!p.test(c)) return false;
                }
                return true;
            };
        }
        return c -> {
            for (EventPredicate p : parts) {
                if (p.test(c)) return true;
            }
            return false;
        };
    }
}
