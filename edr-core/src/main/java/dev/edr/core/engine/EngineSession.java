package dev.edr.core.engine;

import dev.edr.core.diag.Issue;
import dev.edr.core.event.Event;
import java.util.List;

/**
 * A stateful evaluation session for one thread at a time. Cheaper per event than {@link Engine#evaluate}, and
 * the only way to evaluate correlation rules: the session keeps their windows.
 *
 * <p>Correlations run on event time. A match is correlated once the session has seen an event at least the
 * engine's lateness newer than it (see {@link Engine.Builder#lateness}), so that events arriving out of order
 * within the lateness are put back in order first; a correlation detection may therefore come out of a later
 * {@code evaluate} call than the event that completed it, and {@link #flush()} releases the rest at the end of
 * the input. A match older than the lateness allows, or of an event without time, is not correlated (counted
 * in {@link #correlationStats()}).
 */
public interface EngineSession extends AutoCloseable {
    /**
     * The single-event detections of {@code event}, one per matching rule in rule pack order, followed by the
     * correlation detections this call completed. Its events are named by a running index in correlation output.
     */
    List<Detection> evaluate(Event event);

    /** As {@link #evaluate(Event)}, naming the event by {@code source} in correlation output. */
    default List<Detection> evaluate(Event event, EventRef source) {
        return evaluate(event);
    }

    /** Correlates every match still held back for late events (call at the end of the input). */
    default List<Detection> flush() {
        return List.of();
    }

    /** The session's correlation counters so far. */
    default CorrelationStats correlationStats() {
        return new CorrelationStats(0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Warnings about state this session dropped (caps reached, late or untimed events), one per correlation
     * rule and cause, located at the rule and giving the count so far.
     */
    default List<Issue> warnings() {
        return List.of();
    }

    /** Releases the session; it cannot be used afterwards. */
    @Override
    void close();
}
