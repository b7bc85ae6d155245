package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.SourceLocation;
import java.util.List;

/** A mapping with keys in file order. Keys are scalars (the reader rejects complex keys and duplicates). */
public record YMap(List<Entry> entries, SourceLocation location) implements YNode {
    public record Entry(YScalar key, YNode value) {}

    public YMap {
        entries = List.copyOf(entries);
    }

    /** The value for {@code key} (exact match), or {@code null}. */
    public YNode get(String key) {
        for (Entry e : entries) {
            if (e.key().text().equals(key)) {
                return e.value();
            }
        }
        return null;
    }

    public YScalar keyNode(String key) {
        for (Entry e : entries) {
            if (e.key().text().equals(key)) {
                return e.key();
            }
        }
        return null;
    }
}
