package dev.edr.core.rule;

import dev.edr.core.diag.SourceLocation;
import java.util.Objects;

/** A Sigma detection rule. */
public record SigmaRule(RuleMeta meta, LogSource logsource, Detection detection, SourceLocation location)
        implements SigmaDocument {
    public SigmaRule {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(logsource, "logsource");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(location, "location");
    }
}
