package dev.edr.core.engine;

/**
 * Caps on the state a session keeps per correlation rule, so that memory stays bounded whatever the input.
 * When a cap is reached the oldest state is evicted, counted in {@link CorrelationStats} and reported once
 * per rule and cap by {@link EngineSession#warnings()}; an eviction can only make a correlation miss, never
 * fire wrongly on {@code gt}/{@code gte} conditions.
 *
 * @param maxGroupKeys live group-by keys per correlation; beyond it the least recently active group is dropped
 * @param maxEventsPerGroup events kept in one group's window; beyond it the oldest is dropped (so an
 *        {@code event_count} saturates at this number)
 * @param maxDistinctValuesPerGroup distinct values one group of a {@code value_count} or
 *        {@code value_percentile} correlation tracks; beyond it the oldest events are dropped
 */
public record CorrelationLimits(int maxGroupKeys, int maxEventsPerGroup, int maxDistinctValuesPerGroup) {
    public static final CorrelationLimits DEFAULTS = new CorrelationLimits(100_000, 10_000, 10_000);

    public CorrelationLimits {
        if (maxGroupKeys < 1 || maxEventsPerGroup < 1 || maxDistinctValuesPerGroup < 1) {
            throw new IllegalArgumentException("correlation limits must be positive");
        }
    }
}
