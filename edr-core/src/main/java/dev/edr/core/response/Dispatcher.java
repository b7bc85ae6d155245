package dev.edr.core.response;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Carries response actions out, safely. {@link #submit} never blocks the caller (detection): requests go into a
 * bounded queue that one worker drains; when the queue is full the request is dropped, counted and audited.
 * For each request the worker decides, in this order: protected asset? duplicate (same idempotency key, or same
 * action, target and rule inside the dedup window)? over the action budget? Then it journals the intent (fsync)
 * and either records a dry run, holds the action for approval, or dispatches it to the adapter behind a rate
 * limit, a circuit breaker and retries with exponential backoff and jitter. Every decision becomes an
 * {@link AuditEntry}. A new dispatcher on the same journal knows every key journaled before (so replayed
 * detections do not repeat actions), and {@link #recover()} re-dispatches exactly once what was journaled
 * without an outcome.
 */
public interface Dispatcher extends AutoCloseable {

    static DispatcherBuilder builder() {
        return new DispatcherBuilder();
    }

    /** The idempotency key {@link #submit} will use for this request; deterministic, never random. */
    String keyOf(ActionRequest request);

    /** Queues the request; returns {@code false} when it was dropped because the queue is full. Never blocks. */
    boolean submit(ActionRequest request);

    /** Submits every request of the plan and audits its skipped actions. */
    void submit(ResponsePlan plan);

    /**
     * Releases an action held for approval; {@code who} is recorded in the journal and the audit trail.
     *
     * @return {@code false} when no action with this key is awaiting approval
     */
    boolean approve(String key, String who);

    /** Rejects a held action: it ends as {@link ActionState#REJECTED} and is never dispatched. */
    boolean reject(String key, String who);

    List<PendingApproval> pendingApprovals();

    /**
     * Re-dispatches every journaled action that has no outcome (adapters see the same key, and
     * {@link ActionContext#recovered()}), and holds again those still awaiting approval. Call once after building.
     */
    RecoveryReport recover();

    /** The audit trail of this dispatcher instance, oldest first (bounded; the audit log file keeps all). */
    List<AuditEntry> audit();

    Stats stats();

    /** Waits until the queue is empty and no attempt, retry or deferred dispatch is outstanding. */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /** Drains what it can within the builder's drain timeout, then stops; unfinished work stays journaled. */
    @Override
    void close();

    /** Runs delayed work (retries, rate-limit deferrals, attempt timeouts). Tests inject a manual one. */
    @FunctionalInterface
    interface Scheduler {
        void schedule(Duration delay, Runnable task);
    }

    record PendingApproval(String key, ResponseAction action, String ruleId, String reason, Instant since) {}

    /**
     * @param redispatched keys dispatched again because the journal had no outcome for them
     * @param awaitingApproval keys held again for approval
     * @param unreadableLines journal lines that could not be parsed (a torn last write) and were skipped
     */
    record RecoveryReport(List<String> redispatched, List<String> awaitingApproval, int unreadableLines) {
        public RecoveryReport {
            redispatched = List.copyOf(redispatched);
            awaitingApproval = List.copyOf(awaitingApproval);
        }
    }

    /**
     * Counters since this instance started. {@code droppedOverflow} is the overflow policy's report: requests
     * refused because the queue was full. {@code succeeded} counts every outcome that is not FAILED (succeeded,
     * accepted, pending); {@code dispatched} counts adapter calls, retries included.
     */
    record Stats(long submitted, long droppedOverflow, int queued, int inFlight, int awaitingApproval,
            long dispatched, long succeeded, long failed, long suppressed, boolean running) {}
}
