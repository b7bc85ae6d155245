package dev.edr.core.internal.match;

import dev.edr.core.rule.FilterRule;

/** A compiled Sigma filter: suppresses a rule's match when its logsource matches and its condition holds. */
record CompiledFilter(FilterRule filter, EventPredicate condition) {
    boolean suppresses(EvalContext c) {
        return LogSources.matches(filter.logsource(), c.event()) && condition.test(c);
    }
}
