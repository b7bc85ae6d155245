package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.SourceLocation;
import java.util.List;

public record YSeq(List<YNode> items, SourceLocation location) implements YNode {
    public YSeq {
        items = List.copyOf(items);
    }
}
