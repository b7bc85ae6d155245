package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YScalar;
import java.util.List;
import java.util.Set;

/**
 * Reads a filter (meta-filter) document (Sigma filters specification v2.1): a {@code logsource} and a
 * {@code filter} section holding the {@code rules} it applies to, search identifiers and a condition.
 */
final class FilterReader {
    private FilterReader() {}

    /** The filter, or {@code null} when the document has any error; {@code references} gets the rules. */
    static FilterRule read(Attributes doc, RuleMeta meta, BuildContext ctx, List<Located> references) {
        LogSource logsource = LogSourceReader.read(doc);
        YMap section = doc.mapping("filter");
        if (section == null) {
            if (doc.node("filter") instanceof YScalar empty && empty.isNull()) { // other shapes: reported
                ctx.diag.error(IssueCode.NOT_A_MAPPING, doc.keyLocation("filter"),
                        "'filter' is empty; it must be a map with rules, search identifiers and a condition");
            }
            return null;
        }
        Attributes a = new Attributes(section, ctx.diag, "filter");
        List<YScalar> nodes = a.scalarList("rules", false);
        List<String> rules = a.strings("rules", nodes, true);
        if (!a.has("rules")) {
            ctx.diag.error(IssueCode.MISSING_ATTRIBUTE, doc.keyLocation("filter"), "'filter.rules' is required");
        } else if (nodes.isEmpty()) {
            ctx.diag.error(IssueCode.MISSING_ATTRIBUTE, a.node("rules").location(),
                    "'filter.rules' must name at least one rule");
        }
        nodes.forEach(n -> references.add(ctx.located(n)));
        Detection filter = DetectionReader.read(section, doc.keyLocation("filter"), "filter", Set.of("rules"), ctx);
        if (filter == null || logsource == null || ctx.hasErrors()) {
            return null;
        }
        return new FilterRule(meta, logsource, rules.stream().distinct().toList(), filter, doc.map().location());
    }
}
