package dev.edr.core.response;

import java.util.List;
import java.util.Objects;

/**
 * What the playbooks ask for one detection: the actions they could build, and those they could not (a parameter's
 * event field was absent or unusable). Skipped actions are audited, never half-filled.
 */
public record ResponsePlan(List<ActionRequest> requests, List<Skipped> skipped) {
    public ResponsePlan {
        requests = List.copyOf(requests);
        skipped = List.copyOf(skipped);
    }

    /** {@code problem} says which parameter and why, e.g. "missing parameter 'pid': field ProcessId is absent". */
    public record Skipped(ActionType type, Trigger trigger, String reason, String problem) {
        public Skipped {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(trigger, "trigger");
        }
    }

    public List<ResponseAction> actions() {
        return requests.stream().map(ActionRequest::action).toList();
    }
}
