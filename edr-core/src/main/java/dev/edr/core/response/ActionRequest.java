package dev.edr.core.response;

import java.util.Objects;

/**
 * One action the dispatcher is asked to take, and why. {@code reason} says which playbook or rule response
 * asked for it (for the audit trail). {@code requireApproval} and {@code dryRun} come from the playbook; they add
 * to the dispatcher's own policy, never relax it.
 */
public record ActionRequest(ResponseAction action, Trigger trigger, String reason, boolean requireApproval,
        boolean dryRun) {
    public ActionRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(trigger, "trigger");
        reason = reason == null ? "" : reason;
    }

    public static ActionRequest of(ResponseAction action, Trigger trigger) {
        return new ActionRequest(action, trigger, "", false, false);
    }
}
