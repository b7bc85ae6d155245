package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YNode;

/** Counts the values of one rule against {@code Limits.maxValuesPerRule}; reports the crossing once. */
final class ValueBudget {
    private final int max;
    private int used;

    ValueBudget(int max) {
        this.max = max;
    }

    /** Takes one value; false (and one error at the first value over the limit) once the limit is passed. */
    boolean take(YNode node, Diagnostics diag) {
        used++;
        if (used == max + 1) {
            diag.error(IssueCode.VALUE_LIMIT, node.location(), "the rule has more than " + max
                    + " detection values; split it or raise the limit");
        }
        return used <= max;
    }
}
