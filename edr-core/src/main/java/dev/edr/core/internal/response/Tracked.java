package dev.edr.core.internal.response;

import dev.edr.core.response.ActionRequest;
import dev.edr.core.response.Outcome;
import io.github.resilience4j.retry.Retry;
import java.time.Instant;

/** One journaled action while it is live. Touched only by the dispatcher's worker thread. */
final class Tracked {
    final String key;
    final String base;
    final ActionRequest request;
    final boolean approvalRequired;
    final boolean dryRun;
    final Instant eventTime;
    final Instant since;
    String approvedBy;
    /** Number of the last attempt handed to the adapter (0 = none yet). */
    int attempt;
    /** Highest attempt whose result (outcome, error or timeout) has been handled. */
    int closedAttempt;
    boolean recovered;
    boolean rateLimitAudited;
    Retry.AsyncContext<Outcome> retry;

    Tracked(String key, String base, ActionRequest request, boolean approvalRequired, boolean dryRun,
            Instant eventTime, Instant since) {
        this.key = key;
        this.base = base;
        this.request = request;
        this.approvalRequired = approvalRequired;
        this.dryRun = dryRun;
        this.eventTime = eventTime;
        this.since = since;
    }
}
