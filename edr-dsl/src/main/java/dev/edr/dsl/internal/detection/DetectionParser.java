package dev.edr.dsl.internal.detection;

import dev.edr.core.rule.Selection;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import java.util.Map;

/** Turns the search identifiers of a detection section into selections, applying modifiers. */
public final class DetectionParser {
    private DetectionParser() {}

    /**
     * Parses every entry of {@code detection} except {@code condition} (and the legacy {@code timeframe}).
     * Returns the identifiers that parsed without error, in file order; problems go to {@code diag}.
     */
    public static Map<String, Selection> parseSelections(YMap detection, Limits limits, Diagnostics diag) {
        throw new UnsupportedOperationException("contract placeholder: implemented on branch dsl-detect");
    }
}
