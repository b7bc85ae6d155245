package dev.edr.core.rule;

import dev.edr.core.diag.SourceLocation;

/** A document of a rule pack: a detection rule, a correlation rule or a filter. */
public sealed interface SigmaDocument permits SigmaRule, CorrelationRule, FilterRule {
    RuleMeta meta();

    /** Where the document starts (the file and the line of its first key). */
    SourceLocation location();
}
