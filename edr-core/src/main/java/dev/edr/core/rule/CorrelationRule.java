package dev.edr.core.rule;

import dev.edr.core.diag.SourceLocation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule. {@code rules} are ids or names of rules or correlations. {@code aliases} maps
 * an alias field name to (rule id or name -&gt; field in that rule's events). {@code condition} is
 * {@code null} for temporal types without a condition.
 */
public record CorrelationRule(RuleMeta meta, Type type, List<String> rules, Map<String, Map<String, String>> aliases,
        List<String> groupBy, Duration timespan, CorrelationCondition condition, boolean generate,
        SourceLocation location) implements SigmaDocument {

    public CorrelationRule {
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        LinkedHashMap<String, Map<String, String>> copy = new LinkedHashMap<>();
        aliases.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        aliases = Collections.unmodifiableMap(copy);
    }

    public enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE;

        public String sigmaName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Operator { GT, GTE, LT, LTE, EQ, NEQ }

    /** All bounds must hold (a range is two bounds). {@code field} is set for the value_* types. */
    public record CorrelationCondition(Map<Operator, BigDecimal> bounds, String field, BigDecimal percentile) {
        public CorrelationCondition {
            bounds = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
        }
    }
}
