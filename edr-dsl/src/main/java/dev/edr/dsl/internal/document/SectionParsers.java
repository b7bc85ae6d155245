package dev.edr.dsl.internal.document;

import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Selection;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.condition.ConditionParser;
import dev.edr.dsl.internal.detection.DetectionParser;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import java.util.List;
import java.util.Map;

/**
 * The parsers of a detection section's content: search identifiers and the condition. A seam, so that
 * document building can be tested apart from the Sigma value and condition languages.
 */
public interface SectionParsers {
    /** See {@link DetectionParser#parseSelections}. */
    Map<String, Selection> selections(YMap detection, Limits limits, Diagnostics diag);

    /** See {@link ConditionParser#parse}. */
    Condition condition(YNode condition, List<String> identifiers, Diagnostics diag);

    /**
     * As {@link #condition(YNode, List, Diagnostics)}, knowing the rule's id or name and legacy {@code timeframe}
     * so that a rejected legacy aggregation can be shown as the correlation rule to write instead.
     */
    default Condition condition(YNode condition, List<String> identifiers, String ruleReference, String timeframe,
            Diagnostics diag) {
        return condition(condition, identifiers, diag);
    }

    /** The real Sigma parsers. */
    static SectionParsers sigma() {
        return Sigma.INSTANCE;
    }

    enum Sigma implements SectionParsers {
        INSTANCE;

        @Override
        public Map<String, Selection> selections(YMap detection, Limits limits, Diagnostics diag) {
            return DetectionParser.parseSelections(detection, limits, diag);
        }

        @Override
        public Condition condition(YNode condition, List<String> identifiers, Diagnostics diag) {
            return ConditionParser.parse(condition, identifiers, diag);
        }

        @Override
        public Condition condition(YNode condition, List<String> identifiers, String ruleReference, String timeframe,
                Diagnostics diag) {
            return ConditionParser.parse(condition, identifiers, ruleReference, timeframe, diag);
        }
    }
}
