package dev.edr.core.internal.response;

import dev.edr.core.response.ActionRequest;
import dev.edr.core.response.ActionState;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.ResponsePlan;
import dev.edr.core.response.Trigger;
import java.time.Clock;
import java.util.Map;

/** Builds audit entries from what the worker knows about a request. */
final class Auditor {
    private final AuditTrail trail;
    private final Clock clock;

    Auditor(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    void tracked(Tracked t, ActionState state, String detail, String reference, int attempt, String adapter) {
        trail.record(entry(t.request, t.key, state, detail, reference, t.approvedBy, attempt, adapter));
    }

    void request(ActionRequest r, String key, ActionState state, String detail) {
        trail.record(entry(r, key, state, detail, null, null, 0, null));
    }

    void skipped(ResponsePlan.Skipped s) {
        Trigger t = s.trigger();
        trail.record(new AuditEntry(clock.instant(), null, s.type(), null, Map.of(), t.ruleKey(), t.ruleTitle(),
                event(t), s.reason(), ActionState.SKIPPED_MISSING_PARAMETER, s.problem(), null, null, 0, null));
    }

    private AuditEntry entry(ActionRequest r, String key, ActionState state, String detail, String reference,
            String approvedBy, int attempt, String adapter) {
        Trigger t = r.trigger();
        return new AuditEntry(clock.instant(), key, r.action().type(), r.action().target(), r.action().params(),
                t.ruleKey(), t.ruleTitle(), event(t), r.reason(), state, detail, reference, approvedBy, attempt,
                adapter);
    }

    private static AuditEntry.EventRef event(Trigger t) {
        return new AuditEntry.EventRef(t.sourceFile(), t.sourceIndex(), t.host(), t.eventTime());
    }
}
