package dev.edr.core.internal.match;

import dev.edr.core.rule.SigmaRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One detection rule ready to run: its precompiled condition, the filters that apply to it, and the route key
 * of its logsource. Immutable and thread-safe; all per-event state lives in the {@link EvalContext}.
 */
public final class CompiledRule {
    private final int index;
    private final SigmaRule rule;
    private final String routeKey;
    private final EventPredicate condition;
    private final Map<String, EventPredicate> referencedSelections;
    private final List<String> selectionOrder;
    private final List<CompiledFilter> filters;

    CompiledRule(int index, SigmaRule rule, EventPredicate condition, Map<String, EventPredicate> referencedSelections,
            List<CompiledFilter> filters) {
        this.index = index;
        this.rule = rule;
        this.routeKey = LogSources.routeKey(rule.logsource());
        this.condition = condition;
        this.referencedSelections = Map.copyOf(referencedSelections);
        this.filters = List.copyOf(filters);
        this.selectionOrder = List.copyOf(referencedSelections.keySet());
    }

    /** Position in the pack: orders detections and names Drools constraints deterministically. */
    public int index() {
        return index;
    }

    public SigmaRule rule() {
        return rule;
    }

    public String routeKey() {
        return routeKey;
    }

    /** The detection condition holds and no filter suppresses it. Logsource is checked by the caller. */
    public boolean matches(EvalContext c) {
        if (!condition.test(c)) {
            return false;
        }
        for (CompiledFilter f : filters) {
            if (f.suppresses(c)) return false;
        }
        return true;
    }

    /** The search identifiers used by the condition that hold for this event, in detection order. */
    public List<String> matchedSelections(EvalContext c) {
        List<String> out = new ArrayList<>();
        for (String name : selectionOrder) {
            if (referencedSelections.get(name).test(c)) out.add(name);
        }
        return List.copyOf(out);
    }
}
