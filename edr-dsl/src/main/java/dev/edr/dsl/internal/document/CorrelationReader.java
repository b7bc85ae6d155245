package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.CorrelationRule.CorrelationCondition;
import dev.edr.core.rule.CorrelationRule.Type;
import dev.edr.core.rule.RuleMeta;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a correlation document's {@code correlation} section (Sigma correlation specification v2.1): the
 * seven types, their required keys, {@code aliases}, {@code group-by}, {@code timespan} and the
 * {@code condition}. The condition's {@code field} is required by the {@code value_*} types; an optional
 * {@code percentile} (0 to 100) is accepted for {@code value_percentile} only. {@code generate} may sit at
 * the document's top level (as the JSON schema has it) or inside the section (as some tools write it).
 */
final class CorrelationReader {
    private static final Set<String> KEYS = Set.of("type", "rules", "aliases", "group-by", "timespan", "condition",
            "generate");
    private static final Pattern TIMESPAN = Pattern.compile("([0-9]{1,9})([smhdw])");

    private CorrelationReader() {}

    /** The correlation, or {@code null} when the document has any error; {@code references} gets the rules. */
    static CorrelationRule read(Attributes doc, RuleMeta meta, BuildContext ctx, List<Located> references) {
        Diagnostics diag = ctx.diag;
        SourceLocation sectionKey = doc.keyLocation("correlation");
        YMap section = doc.mapping("correlation");
        if (section == null) {
            if (doc.node("correlation") instanceof YScalar empty && empty.isNull()) { // other shapes: reported
                diag.error(IssueCode.NOT_A_MAPPING, sectionKey,
                        "'correlation' is empty; it must be a map with type, rules, group-by, timespan and condition");
            }
            return null;
        }
        Attributes a = new Attributes(section, diag, "correlation");
        for (YMap.Entry e : section.entries()) {
            if (!KEYS.contains(e.key().text())) {
                diag.warning(IssueCode.INVALID_ATTRIBUTE, e.key().location(), "unknown correlation attribute '"
                        + e.key().text() + "' is ignored");
            }
        }
        Type type = type(a, sectionKey);
        List<String> rules = rules(a, sectionKey, ctx, references);
        List<String> groupBy = a.stringList("group-by", false, true);
        if (!a.has("group-by")) {
            diag.error(IssueCode.MISSING_ATTRIBUTE, sectionKey, "'correlation.group-by' is required");
        }
        Map<String, Map<String, String>> aliases = aliases(a, rules, groupBy);
        Duration timespan = timespan(a, sectionKey);
        CorrelationCondition condition = type == null ? null : CorrelationConditionReader.read(a, type, sectionKey);
        boolean generate = generate(doc, a);
        if (ctx.hasErrors()) {
            return null;
        }
        return new CorrelationRule(meta, type, rules, aliases, groupBy, timespan, condition, generate,
                doc.map().location());
    }

    private static Type type(Attributes a, SourceLocation sectionKey) {
        if (!a.has("type")) {
            a.diag().error(IssueCode.MISSING_ATTRIBUTE, sectionKey, "'correlation.type' is required");
            return null;
        }
        String text = a.string("type");
        if (text == null) {
            return null; // a collection, reported
        }
        for (Type t : Type.values()) {
            if (t.sigmaName().equals(text)) {
                return t;
            }
        }
        List<String> names = new ArrayList<>();
        for (Type t : Type.values()) names.add(t.sigmaName());
        a.diag().error(IssueCode.INVALID_ATTRIBUTE, a.node("type").location(), "'correlation.type' must be one of "
                + String.join(", ", names) + ", not '" + text + "'");
        return null;
    }

    private static List<String> rules(Attributes a, SourceLocation sectionKey, BuildContext ctx,
            List<Located> references) {
        if (!a.has("rules")) {
            a.diag().error(IssueCode.MISSING_ATTRIBUTE, sectionKey, "'correlation.rules' is required");
            return List.of();
        }
        List<YScalar> nodes = a.scalarList("rules", false);
        List<String> rules = a.strings("rules", nodes, true);
        if (nodes.isEmpty()) {
            a.diag().error(IssueCode.MISSING_ATTRIBUTE, a.node("rules").location(),
                    "'correlation.rules' must name at least one rule");
        }
        nodes.forEach(n -> references.add(ctx.located(n)));
        return rules.stream().distinct().toList();
    }

    private static Map<String, Map<String, String>> aliases(Attributes a, List<String> rules, List<String> groupBy) {
        YMap map = a.mapping("aliases");
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (map == null) {
            return aliases;
        }
        for (YMap.Entry alias : map.entries()) {
            String name = alias.key().text();
            if (!(alias.value() instanceof YMap perRule)) {
                a.diag().error(IssueCode.NOT_A_MAPPING, alias.value().location(), "alias '" + name
                        + "' must map rule names to field names");
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (YMap.Entry e : perRule.entries()) {
                String rule = e.key().text();
                if (!rules.contains(rule)) {
                    a.diag().error(IssueCode.UNKNOWN_RULE_REFERENCE, e.key().location(), "alias '" + name
                            + "' refers to '" + rule + "', which is not in 'correlation.rules'");
                }
                String field = a.text(e.value(), "the field of alias '" + name + "' for '" + rule + "'");
                if (field != null) {
                    fields.put(rule, field);
                } else if (e.value() instanceof YScalar) {
                    a.diag().error(IssueCode.MISSING_ATTRIBUTE, e.value().location(), "alias '" + name
                            + "' gives no field for '" + rule + "'");
                }
            }
            for (String rule : rules) {
                if (!fields.containsKey(rule) && !perRule.entries().isEmpty()) {
                    a.diag().warning(IssueCode.INVALID_ATTRIBUTE, alias.key().location(), "alias '" + name
                            + "' gives no field for rule '" + rule + "'");
                }
            }
            if (!groupBy.contains(name)) {
                a.diag().warning(IssueCode.INVALID_ATTRIBUTE, alias.key().location(), "alias '" + name
                        + "' is not used in 'correlation.group-by'");
            }
            aliases.put(name, fields);
        }
        return aliases;
    }

    private static Duration timespan(Attributes a, SourceLocation sectionKey) {
        YNode node = a.node("timespan");
        if (node == null) {
            a.diag().error(IssueCode.MISSING_ATTRIBUTE, sectionKey, "'correlation.timespan' is required");
            return null;
        }
        Matcher m = node instanceof YScalar s ? TIMESPAN.matcher(s.text()) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            a.diag().error(IssueCode.INVALID_ATTRIBUTE, node.location(), "'correlation.timespan' must be a positive"
                    + " number followed by s, m, h, d or w (like 30s, 5m, 1h, 2d), not "
                    + (node instanceof YScalar s ? "'" + s.text() + "'" : "a " + node.typeName()));
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private static boolean generate(Attributes doc, Attributes section) {
        YNode top = doc.node("generate");
        YNode inner = section.node("generate");
        if (top != null && inner != null) {
            doc.diag().warning(IssueCode.INVALID_ATTRIBUTE, inner.location(),
                    "'generate' is given twice; the top-level value is used");
        }
        YNode node = top != null ? top : inner;
        if (node == null || node instanceof YScalar s && s.isNull()) {
            return false;
        }
        if (node instanceof YScalar s && s.value() instanceof Boolean b) {
            return b;
        }
        doc.diag().error(IssueCode.INVALID_ATTRIBUTE, node.location(), "'generate' must be true or false");
        return false;
    }
}
