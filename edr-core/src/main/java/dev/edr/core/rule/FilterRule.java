package dev.edr.core.rule;

import dev.edr.core.diag.SourceLocation;
import java.util.List;

/**
 * A Sigma filter (meta-filter) document: for every rule it names ({@code rules}, by id or name), a match
 * is suppressed when {@code filter} matches the same event (rule condition AND NOT filter condition).
 */
public record FilterRule(RuleMeta meta, LogSource logsource, List<String> rules, Detection filter,
        SourceLocation location) implements SigmaDocument {
    public FilterRule {
        rules = List.copyOf(rules);
    }
}
