package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Selection;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the search identifiers of a detection section into selections, applying modifiers.
 *
 * <p>Shapes: a map is an AND of its items; a list of maps is an OR of them; a list of scalars, or a single
 * scalar, is a keyword search. Items are parsed by {@link ItemParser}; modifiers live in {@link Modifiers}.
 */
public final class DetectionParser {
    private DetectionParser() {}

    /**
     * Parses every entry of {@code detection} except {@code condition} (and the legacy {@code timeframe}).
     * Returns the identifiers that parsed without error, in file order; problems go to {@code diag}.
     */
    public static Map<String, Selection> parseSelections(YMap detection, Limits limits, Diagnostics diag) {
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(diag, "diag");
        ValueBudget budget = new ValueBudget(limits.maxValuesPerRule());
        Map<String, Selection> out = new LinkedHashMap<>();
        for (YMap.Entry entry : detection.entries()) {
            String name = entry.key().text();
            if (name.equals("condition") || name.equals("timeframe")) {
                continue;
            }
            int errorsBefore = diag.errorCount();
            Selection selection = parseIdentifier(name, entry.key(), entry.value(),
                    new ItemParser(name, limits, diag, budget), diag);
            if (selection != null && diag.errorCount() == errorsBefore) {
                out.put(name, selection);
            }
        }
        return out;
    }

    private static Selection parseIdentifier(String name, YScalar key, YNode body, ItemParser items,
            Diagnostics diag) {
        if (body instanceof YMap map) {
            return parseMap(name, map, items, diag);
        }
        if (body instanceof YScalar s) {
            if (s.isNull()) {
                diag.error(IssueCode.INVALID_DETECTION, key.location(), "search identifier '" + name
                        + "' has no definition (expected a map, a list or a keyword)");
                return null;
            }
            return items.parseKeywords(s);
        }
        YSeq seq = (YSeq) body;
        if (seq.items().isEmpty()) {
            diag.error(IssueCode.INVALID_DETECTION, seq.location(), "search identifier '" + name + "' is an empty list");
            return null;
        }
        long maps = seq.items().stream().filter(n -> n instanceof YMap).count();
        if (maps == 0) {
            for (YNode item : seq.items()) {
                if (item instanceof YSeq) {
                    diag.error(IssueCode.INVALID_DETECTION, item.location(), "search identifier '" + name
                            + "': a keyword list cannot contain a nested list");
                    return null;
                }
            }
            return items.parseKeywords(seq);
        }
        if (maps < seq.items().size()) {
            for (YNode item : seq.items()) {
                if (!(item instanceof YMap)) {
                    diag.error(IssueCode.INVALID_DETECTION, item.location(), "search identifier '" + name
                            + "': a list must hold either only maps (OR of maps) or only keywords, not a "
                            + item.typeName() + " among maps");
                }
            }
            return null;
        }
        List<Selection> alternatives = new ArrayList<>();
        for (YNode item : seq.items()) {
            Selection s = parseMap(name, (YMap) item, items, diag);
            if (s != null) {
                alternatives.add(s);
            }
        }
        return alternatives.size() == seq.items().size() ? new Selection.AnyOf(alternatives) : null;
    }

    private static Selection parseMap(String name, YMap map, ItemParser items, Diagnostics diag) {
        if (map.entries().isEmpty()) {
            diag.error(IssueCode.INVALID_DETECTION, map.location(), "search identifier '" + name + "' has an empty map");
            return null;
        }
        List<Selection> parts = new ArrayList<>();
        for (YMap.Entry e : map.entries()) {
            Selection.FieldMatch m = items.parseItem(e.key(), e.value());
            if (m != null) {
                parts.add(m);
            }
        }
        return parts.size() == map.entries().size() ? new Selection.AllOf(parts) : null;
    }
}
