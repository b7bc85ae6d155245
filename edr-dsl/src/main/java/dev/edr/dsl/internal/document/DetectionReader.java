package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.Selection;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a {@link Detection} from a rule's {@code detection} or a filter's {@code filter} section. */
final class DetectionReader {
    private static final Set<String> NOT_IDENTIFIERS = Set.of("condition", "timeframe");

    private DetectionReader() {}

    /**
     * @param section the section's mapping
     * @param sectionKey where the section's key is written, for a missing condition
     * @param name how messages name the section
     * @param otherKeys keys of the section that are not search identifiers (a filter's {@code rules})
     * @return the detection, or {@code null} when this document has any error by now
     */
    static Detection read(YMap section, SourceLocation sectionKey, String name, Set<String> otherKeys,
            BuildContext ctx) {
        return read(section, sectionKey, name, otherKeys, null, ctx);
    }

    /** @param ruleReference the rule's id or name (may be null), for messages that suggest a correlation */
    static Detection read(YMap section, SourceLocation sectionKey, String name, Set<String> otherKeys,
            String ruleReference, BuildContext ctx) {
        List<YMap.Entry> identifiers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (YMap.Entry e : section.entries()) {
            String key = e.key().text();
            if (!NOT_IDENTIFIERS.contains(key) && !otherKeys.contains(key)) {
                identifiers.add(e);
                names.add(key);
            }
        }
        Map<String, Selection> selections = Map.of();
        if (names.isEmpty()) {
            ctx.diag.error(IssueCode.INVALID_DETECTION, sectionKey, "'" + name + "' defines no search identifier");
        } else {
            selections = ctx.parsers.selections(new YMap(identifiers, section.location()), ctx.limits, ctx.diag);
        }
        YNode conditionNode = section.get("condition");
        Condition condition = null;
        if (conditionNode == null) {
            ctx.diag.error(IssueCode.MISSING_ATTRIBUTE, sectionKey, "'" + name + ".condition' is required");
        } else {
            String timeframe = section.get("timeframe") instanceof YScalar t && !t.isNull() ? t.text() : null;
            condition = ctx.parsers.condition(conditionNode, List.copyOf(names), ruleReference, timeframe, ctx.diag);
        }
        YScalar timeframe = section.keyNode("timeframe");
        if (timeframe != null && !ctx.hasErrors()) {
            // Only when nothing else failed: a rule using 'timeframe' nearly always has a '| count()'
            // condition too, and the condition parser's message on that is the more useful one.
            ctx.diag.error(IssueCode.LEGACY_AGGREGATION, timeframe.location(), "'timeframe' belongs to Sigma 1"
                    + " aggregations; write the time window as the 'timespan' of a correlation rule"
                    + " (correlation: {type: event_count, rules: [...], timespan: ..., condition: ...})");
        }
        if (condition == null || ctx.hasErrors()) {
            return null;
        }
        return new Detection(selections, condition, conditionText(conditionNode));
    }

    private static String conditionText(YNode condition) {
        if (condition instanceof YScalar s) {
            return s.text();
        }
        if (condition instanceof YSeq seq) {
            List<String> parts = new ArrayList<>();
            for (YNode item : seq.items()) {
                parts.add(item instanceof YScalar s ? s.text() : "");
            }
            return parts.size() == 1 ? parts.get(0) : "(" + String.join(") or (", parts) + ")";
        }
        return "";
    }
}
