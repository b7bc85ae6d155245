package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.SourceLocation;
import java.util.List;

/**
 * A YAML node with its source position. Produced by the safe YAML reader: no tags, no objects, only
 * scalars, sequences and mappings. Immutable.
 */
public sealed interface YNode permits YScalar, YSeq, YMap {
    /** Position of the node's first character (for quoted scalars: the opening quote). */
    SourceLocation location();

    default String typeName() {
        if (this instanceof YScalar s) return s.value() == null ? "null" : "scalar";
        if (this instanceof YSeq) return "list";
        return "map";
    }
}
