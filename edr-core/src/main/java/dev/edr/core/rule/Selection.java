package dev.edr.core.rule;

import dev.edr.core.diag.SourceLocation;
import java.util.List;

/** What a search identifier denotes, with modifiers already applied to its values. Immutable. */
public sealed interface Selection {
    /** A YAML map: every item must match. */
    record AllOf(List<Selection> items) implements Selection {
        public AllOf {
            items = List.copyOf(items);
        }
    }

    /** A YAML list of maps: any item may match. */
    record AnyOf(List<Selection> items) implements Selection {
        public AnyOf {
            items = List.copyOf(items);
        }
    }

    /**
     * One {@code field|modifiers: values} item, or a keyword list when {@code field} is {@code null}
     * (keywords match any string value of the original event). The values are linked by OR, or by AND when
     * the {@code all} modifier was given ({@code matchAll}). With {@code negated} (the {@code neq}
     * modifier) the item matches exactly when the plain item would not.
     */
    record FieldMatch(String field, List<ValueMatch> values, boolean matchAll, boolean negated,
            SourceLocation location) implements Selection {
        public FieldMatch {
            values = List.copyOf(values);
        }

        public boolean isKeyword() {
            return field == null;
        }
    }
}
