package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.RuleMeta;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the descriptive attributes shared by rules, correlations and filters, checked against the Sigma
 * v2.1 JSON schemas. What decides whether a document can work (title, level, status, related types) is an
 * error; conventions the SigmaHQ corpus itself does not always follow (UUID ids, {@code YYYY-MM-DD} dates,
 * tag syntax, unique list entries, length limits) are warnings.
 */
final class MetaReader {
    static final Set<String> META_KEYS = Set.of("title", "id", "name", "related", "taxonomy", "status",
            "description", "license", "references", "author", "date", "modified", "tags", "fields",
            "falsepositives", "level", "scope");
    static final List<String> LEVELS = List.of("informational", "low", "medium", "high", "critical");
    static final List<String> STATUSES = List.of("stable", "test", "experimental", "deprecated", "unsupported");
    static final List<String> RELATION_TYPES = List.of("derived", "obsolete", "merged", "renamed", "similar");

    private static final int MAX_TITLE = 256;
    private static final int MAX_DESCRIPTION = 65_535;

    private MetaReader() {}

    /**
     * @param structuralKeys the keys the document kind reads itself ({@code detection}, {@code logsource}...),
     *     kept out of {@link RuleMeta#custom()}
     * @param singleFalsePositiveIsFine the correlation schema allows one string where rules want a list
     */
    static RuleMeta read(Attributes a, Set<String> structuralKeys, boolean singleFalsePositiveIsFine) {
        Diagnostics diag = a.diag();
        String title = a.requiredString("title", a.map().location());
        maxLength(a, "title", title, MAX_TITLE);
        String id = a.string("id");
        if (id != null && !MetaShapes.isUuid(id)) {
            diag.warning(IssueCode.INVALID_ATTRIBUTE, a.node("id").location(),
                    "'id' should be a UUID (the spec recommends a random version 4 UUID), not '" + id + "'");
        }
        String name = a.string("name");
        maxLength(a, "name", name, MAX_TITLE);
        String description = a.string("description");
        maxLength(a, "description", description, MAX_DESCRIPTION);
        List<YScalar> tagNodes = a.scalarList("tags", false);
        List<String> tags = a.strings("tags", tagNodes, true);
        for (YScalar t : tagNodes) {
            if (t.isString() && !MetaShapes.isTag(t.text())) {
                diag.warning(IssueCode.INVALID_ATTRIBUTE, t.location(), "tag '" + t.text()
                        + "' should be a lower-case 'namespace.name' (letters, digits, '_', '-', '.')");
            }
        }
        List<String> falsepositives = minLength(a, "falsepositives",
                a.scalarList("falsepositives", singleFalsePositiveIsFine), true);
        List<String> scope = minLength(a, "scope", a.scalarList("scope", false), false);
        return new RuleMeta(title, id, name, related(a), a.string("taxonomy"),
                oneOf(a, "status", STATUSES), description, a.string("license"),
                a.stringList("references", false, true), a.string("author"), date(a, "date"),
                date(a, "modified"), tags, a.stringList("fields", false, true), falsepositives,
                oneOf(a, "level", LEVELS), scope, custom(a.map(), structuralKeys));
    }

    private static List<RuleMeta.Related> related(Attributes a) {
        YNode n = a.node("related");
        if (n == null || n instanceof YScalar s && s.isNull()) {
            return List.of();
        }
        if (!(n instanceof YSeq seq)) {
            a.diag().error(IssueCode.INVALID_ATTRIBUTE, n.location(), "'related' must be a list of {id, type} maps");
            return List.of();
        }
        List<RuleMeta.Related> out = new ArrayList<>();
        for (YNode item : seq.items()) {
            if (!(item instanceof YMap m)) {
                a.diag().error(IssueCode.INVALID_ATTRIBUTE, item.location(),
                        "an entry of 'related' must be a map with 'id' and 'type', not a " + item.typeName());
                continue;
            }
            Attributes r = new Attributes(m, a.diag(), "related");
            String id = r.requiredString("id", m.location());
            if (id != null && !MetaShapes.isUuid(id)) {
                a.diag().warning(IssueCode.INVALID_ATTRIBUTE, m.get("id").location(),
                        "'related.id' should be a UUID, not '" + id + "'");
            }
            if (!r.has("type")) {
                a.diag().error(IssueCode.MISSING_ATTRIBUTE, m.location(), "'related.type' is required");
            }
            String type = oneOf(r, "type", RELATION_TYPES);
            if (id != null && type != null) {
                out.add(new RuleMeta.Related(type, id));
            }
        }
        return out;
    }

    /** A string that must be one of {@code allowed} (exactly: Sigma's enums are lower case). */
    static String oneOf(Attributes a, String key, List<String> allowed) {
        String value = a.string(key);
        if (value != null && !allowed.contains(value)) {
            a.diag().error(IssueCode.INVALID_ATTRIBUTE, a.node(key).location(), a.name(key) + " must be one of "
                    + String.join(", ", allowed) + ", not '" + value + "'");
            return null;
        }
        return value;
    }

    private static String date(Attributes a, String key) {
        String value = a.string(key);
        if (value != null && !isDate(value)) {
            a.diag().warning(IssueCode.INVALID_ATTRIBUTE, a.node(key).location(), a.name(key)
                    + " should be a date written YYYY-MM-DD, not '" + value + "'");
        }
        return value;
    }

    static boolean isDate(String s) {
        if (!MetaShapes.isDateShape(s)) {
            return false;
        }
        // the pattern fixed the digits and the ranges; only the day can still overflow its month (2023-02-30)
        int year = Integer.parseInt(s, 0, 4, 10);
        int month = Integer.parseInt(s, 5, 7, 10);
        int day = Integer.parseInt(s, 8, 10, 10);
        return day <= Month.of(month).length(Year.isLeap(year));
    }

    private static void maxLength(Attributes a, String key, String value, int max) {
        if (value != null && value.length() > max) {
            a.diag().warning(IssueCode.INVALID_ATTRIBUTE, a.node(key).location(), a.name(key) + " is "
                    + value.length() + " characters long; the limit is " + max);
        }
    }

    private static List<String> minLength(Attributes a, String key, List<YScalar> items, boolean unique) {
        List<String> out = a.strings(key, items, unique);
        for (YScalar s : items) {
            if (s.text().length() < 2) {
                a.diag().warning(IssueCode.INVALID_ATTRIBUTE, s.location(), "an entry of " + a.name(key)
                        + " should have at least 2 characters, not '" + s.text() + "'");
            }
        }
        return out;
    }

    private static Map<String, Object> custom(YMap map, Set<String> structuralKeys) {
        Map<String, Object> custom = new LinkedHashMap<>();
        for (YMap.Entry e : map.entries()) {
            String key = e.key().text();
            if (!META_KEYS.contains(key) && !structuralKeys.contains(key)) {
                custom.put(key, Attributes.plain(e.value()));
            }
        }
        return custom;
    }
}
