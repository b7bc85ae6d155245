package dev.edr.core.rule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A detection section: named search identifiers (in file order) and one condition over them. A YAML list of
 * conditions has already been folded into one {@link Condition.Or}; {@code x of} patterns have been
 * expanded into explicit {@link Condition.Ref}s.
 */
public record Detection(Map<String, Selection> selections, Condition condition, String conditionText) {
    public Detection {
        selections = Collections.unmodifiableMap(new LinkedHashMap<>(selections));
        Objects.requireNonNull(condition, "condition");
    }
}
