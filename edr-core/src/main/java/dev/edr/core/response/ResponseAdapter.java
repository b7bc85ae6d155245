package dev.edr.core.response;

/**
 * Common supertype of the adapter interfaces. Contract for every method of {@link HostIsolation},
 * {@link Remediation} and {@link PrivilegedAccess}: return promptly (do the work on your own threads) with a stage
 * that completes with an {@link Outcome}, or completes exceptionally for a transient failure worth retrying.
 * An {@link Error} thrown synchronously is treated as fatal: the dispatcher stops, and what it journaled is
 * recovered by the next dispatcher on the same journal.
 */
public interface ResponseAdapter {
    /** Stable name: keys the circuit breaker and rate limit, and appears in the audit trail. */
    String name();
}
