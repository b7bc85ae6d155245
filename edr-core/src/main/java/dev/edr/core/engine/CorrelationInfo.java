package dev.edr.core.engine;

import dev.edr.core.rule.CorrelationRule;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What made a correlation fire. {@code group} holds the values of the correlation's group-by fields (alias
 * names as written in the rule); {@code value} is the aggregate the condition was checked against: an event
 * count ({@code event_count}), a count of distinct values ({@code value_count}), a count of distinct or ordered
 * rules ({@code temporal}, {@code temporal_ordered}), or a sum, average or percentile. {@code events} lists the
 * contributing events in event-time order; {@code source} is the one that completed the correlation.
 */
public record CorrelationInfo(CorrelationRule.Type type, Map<String, Object> group, BigDecimal value,
        List<EventRef> events, EventRef source) {
    public CorrelationInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
        events = List.copyOf(events);
    }

    /** How output formats name {@link #value()}: {@code count} for the counting types, else {@code value}. */
    public String valueName() {
        return switch (type) {
            case EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED -> "count";
            case VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> "value";
        };
    }
}
