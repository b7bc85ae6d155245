package dev.edr.core.internal.correlation;

import dev.edr.core.rule.CorrelationRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A correlation ready to run. {@code inputs} are the canonical keys of the rules it correlates ({@code r<i>}
 * for the i-th detection rule of the pack, {@code c<j>} for the j-th correlation), in the order the rule lists
 * them (the order {@code temporal_ordered} requires). {@code groupFields[input][g]} is the event field that
 * supplies group-by entry {@code g} for events of that input (aliases resolved); {@code valueFields[input]} the
 * field of the {@code value_*} types. {@code order} is the position in dependency order (inputs first).
 */
record CompiledCorrelation(int order, CorrelationRule rule, String key, long spanMillis, List<String> inputs,
        Map<String, Integer> inputIndex, List<List<String>> groupFields, List<String> valueFields, Bounds bounds,
        BigDecimal percentile, boolean output, boolean feedsOthers) {

    CorrelationRule.Type type() {
        return rule.type();
    }

    String name() {
        return rule.meta().key();
    }

    CompiledCorrelation withOutput(boolean out, boolean feeds) {
        return new CompiledCorrelation(order, rule, key, spanMillis, inputs, inputIndex, groupFields, valueFields,
                bounds, percentile, out, feeds);
    }
}
