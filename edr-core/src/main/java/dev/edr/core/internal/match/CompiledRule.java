package dev.edr.core.internal.match;

import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One detection rule ready to run: its precompiled condition, the filters that apply to it, and the route key
 * of its logsource. Keeps the rule's metadata (detections carry it) but not its detection model, which the
 * matchers replace. Immutable and thread-safe; all per-event state lives in the {@link EvalContext}.
 */
public final class CompiledRule {
    private final int index;
    private final RuleMeta meta;
    private final LogSource logsource;
    private final String routeKey;
    private final EventPredicate condition;
    private final String[] selectionNames;
    private final EventPredicate[] selections;
    /**
     * Per selection, what the condition implies for it when it holds (see {@link DetectionCompiler#HOLDS}); null
     * when it implies every selection's value.
     */
    private final byte[] implied;
    /** {@link #matchedSelections} when the condition implies every selection's value, else {@code null}. */
    private final List<String> impliedMatches;
    private final CompiledFilter[] filters;
    private final EventPredicate precheck;

    CompiledRule(int index, RuleMeta meta, LogSource logsource, EventPredicate condition,
            Map<String, EventPredicate> referencedSelections, byte[] implied, List<String> impliedMatches,
            List<CompiledFilter> filters, EventPredicate precheck) {
        this.index = index;
        this.precheck = precheck;
        this.meta = meta;
        this.logsource = logsource;
        this.routeKey = LogSources.routeKey(logsource).intern(); // a handful of distinct keys shared by thousands of rules
        this.condition = condition;
        // interned: the same few names (selection, filter_main_...) recur in thousands of rules
        this.selectionNames = referencedSelections.keySet().stream().map(String::intern).toArray(String[]::new);
        this.selections = referencedSelections.values().toArray(EventPredicate[]::new);
        if ((impliedMatches == null) == (implied == null) || implied != null && implied.length != selections.length) {
            throw new IllegalArgumentException("either the implied matches or one implied value per selection");
        }
        this.implied = implied;
        this.impliedMatches = impliedMatches;
        this.filters = filters.toArray(CompiledFilter[]::new);
    }

    /** Position in the pack: orders detections and names Drools constraints deterministically. */
    public int index() {
        return index;
    }

    public RuleMeta meta() {
        return meta;
    }

    public LogSource logsource() {
        return logsource;
    }

    public String routeKey() {
        return routeKey;
    }

    /**
     * A test of one field that the condition requires (see {@link Precheck}), or {@code null}: what the prefilter
     * may check before making the rule a candidate when the rule's literals give it nothing to go on.
     */
    public EventPredicate precheck() {
        return precheck;
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

    /**
     * The search identifiers used by the condition that hold for this event, in detection order, for an event
     * whose condition holds (as {@link #matches} found): a selection whose value the condition then implies
     * ({@code selection and not filter}) is not tested again.
     */
    public List<String> matchedSelections(EvalContext c) {
        if (impliedMatches != null) {
            return impliedMatches;
        }
        List<String> out = new ArrayList<>(selections.length);
        for (int i = 0; i < selections.length; i++) {
            byte v = implied[i];
            if (v == DetectionCompiler.HOLDS || v == DetectionCompiler.OPEN && selections[i].test(c)) {
                out.add(selectionNames[i]);
            }
        }
        return List.copyOf(out);
    }
}
