package dev.edr.core.engine;

/**
 * Counters of a session's correlation work. {@code lateEvents}: matches older than the lateness allowed
 * (not correlated); {@code untimedEvents}: matches of events without a time (not correlated); the
 * {@code evicted*} counters: state dropped by {@link CorrelationLimits}.
 */
public record CorrelationStats(long signals, long fired, long lateEvents, long untimedEvents,
        long evictedGroups, long evictedEvents, long evictedValues) {}
