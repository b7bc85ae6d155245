package dev.edr.core.internal.match;

/** A compiled selection or condition over one event. */
@FunctionalInterface
public interface EventPredicate {
    boolean test(EvalContext context);
}
