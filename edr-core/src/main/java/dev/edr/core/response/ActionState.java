package dev.edr.core.response;

import java.util.Locale;

/** Each decision the dispatcher records about an action. Final states end the action's story. */
public enum ActionState {
    /** Dry-run: everything was decided, nothing was touched. */
    DRY_RUN(true),
    /** Held until a person approves or rejects it. */
    PENDING_APPROVAL(false),
    APPROVED(false),
    REJECTED(true),
    /** Handed to the adapter (one line per attempt). */
    DISPATCHED(false),
    /** The attempt failed transiently; another follows after a backoff. */
    RETRY_SCHEDULED(false),
    /** The adapter's rate limit is exhausted; the action waits for the next permit. */
    RATE_LIMITED(false),
    /** Re-dispatched after a restart found it journaled without an outcome. */
    RECOVERED(false),
    ACCEPTED(true),
    PENDING(true),
    SUCCEEDED(true),
    FAILED(true),
    SUPPRESSED_DUPLICATE(true),
    SUPPRESSED_PROTECTED(true),
    SUPPRESSED_BUDGET(true),
    /** A playbook could not fill a parameter from the event; the action was never built. */
    SKIPPED_MISSING_PARAMETER(true),
    /** The intake queue was full; counted in {@link Dispatcher.Stats#droppedOverflow()}. */
    DROPPED_OVERFLOW(true);

    private final boolean isFinal;

    ActionState(boolean isFinal) {
        this.isFinal = isFinal;
    }

    public boolean isFinal() {
        return isFinal;
    }

    /** {@code dry_run}, {@code pending_approval}, ...: the form used in JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionState of(Outcome.Status status) {
        return switch (status) {
            case ACCEPTED -> ACCEPTED;
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case PENDING -> PENDING;
        };
    }
}
