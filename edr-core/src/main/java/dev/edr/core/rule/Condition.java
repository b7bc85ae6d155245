package dev.edr.core.rule;

import java.util.List;

/** The condition tree of a detection, after {@code 1 of}/{@code all of} expansion. Immutable. */
public sealed interface Condition {
    record And(List<Condition> operands) implements Condition {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<Condition> operands) implements Condition {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(Condition operand) implements Condition {}

    /** A reference to a search identifier of the same detection. */
    record Ref(String identifier) implements Condition {}
}
