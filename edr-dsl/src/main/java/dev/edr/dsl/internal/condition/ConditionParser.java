package dev.edr.dsl.internal.condition;

import dev.edr.core.rule.Condition;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YNode;
import java.util.List;

/** Parses a detection's {@code condition} (a string or a list of strings, meaning OR). */
public final class ConditionParser {
    private ConditionParser() {}

    /**
     * @param condition the YAML node of the {@code condition} key
     * @param identifiers every search identifier defined in the detection, in file order (also those whose
     *     definition had errors, so they are not reported again as undefined)
     * @return the condition with {@code x of} patterns expanded, or {@code null} after reporting errors
     */
    public static Condition parse(YNode condition, List<String> identifiers, Diagnostics diag) {
        throw new UnsupportedOperationException("contract placeholder: implemented on branch dsl-cond");
    }
}
