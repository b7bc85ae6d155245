package dev.edr.core.internal.correlation;

import dev.edr.core.rule.CorrelationRule.Operator;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/** A correlation condition: every bound must hold (two bounds make a range). Immutable. */
record Bounds(Map<Operator, BigDecimal> bounds) {
    Bounds {
        bounds = Map.copyOf(new EnumMap<>(bounds));
    }

    static Bounds atLeast(int n) {
        return new Bounds(Map.of(Operator.GTE, BigDecimal.valueOf(n)));
    }

    boolean test(BigDecimal value) {
        for (Map.Entry<Operator, BigDecimal> b : bounds.entrySet()) {
            int c = value.compareTo(b.getValue());
            boolean holds = switch (b.getKey()) {
                case GT -> c > 0;
                case GTE -> c >= 0;
                case LT -> c < 0;
                case LTE -> c <= 0;
                case EQ -> c == 0;
                case NEQ -> c != 0;
            };
            if (!holds) return false;
        }
        return true;
    }
}
