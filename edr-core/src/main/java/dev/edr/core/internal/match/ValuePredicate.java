package dev.edr.core.internal.match;

/** A compiled {@link dev.edr.core.rule.ValueMatch}: one value test on one field of the event. */
@FunctionalInterface
interface ValuePredicate {
    boolean test(FieldView value, EvalContext context);
}
