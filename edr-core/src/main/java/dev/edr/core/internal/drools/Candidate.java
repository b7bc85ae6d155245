package dev.edr.core.internal.drools;

import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;

/**
 * The fact that activates one rule for one event: inserted for each candidate the prefilter picked, matched by the
 * rule whose slot it carries through a hash-indexed equality constraint, so an insert reaches exactly one rule
 * whatever the size of the pack. One instance per rule and session, reused for every event: the event travels in
 * the session's {@link Evaluation}. Public only because Drools reads it reflectively.
 */
public final class Candidate {
    private final int slot;
    /** The slot boxed once: the hash index reads its key through {@link #getSlotKey} for every insert. */
    private final Integer slotKey;
    private final CompiledRule rule;
    private final Evaluation evaluation;

    Candidate(int slot, CompiledRule rule, Evaluation evaluation) {
        this.slot = slot;
        this.slotKey = slot;
        this.rule = rule;
        this.evaluation = evaluation;
    }

    public int getSlot() {
        return slot;
    }

    public Integer getSlotKey() {
        return slotKey;
    }

    /** Whether the event satisfies the rule of this candidate's slot (its condition, no filter suppressing it). */
    public boolean matches() {
        return rule.matches(evaluation.context);
    }

    /** The consequence: the rule of this slot matched the event. */
    void fire() {
        evaluation.sink.add(rule, evaluation.context);
    }

    @Override
    public String toString() {
        return "Candidate[" + slot + "]";
    }

    /** The event being evaluated by a session and where its detections go. */
    static final class Evaluation {
        EvalContext context;
        final DetectionSink sink = new DetectionSink();
    }
}
