package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of one YAML mapping's attributes, reporting wrong shapes. A collection where a string belongs
 * is an error; a number or boolean where a string belongs is read as its text with a warning (the YAML core
 * schema turns {@code author: 1337} into a number, which is no reason to reject a rule).
 */
final class Attributes {
    private final YMap map;
    private final Diagnostics diag;
    private final String section;

    /**
     * @param section how messages name the mapping, e.g. {@code "correlation"}; empty for a document's top
     *     level
     */
    Attributes(YMap map, Diagnostics diag, String section) {
        this.map = map;
        this.diag = diag;
        this.section = section;
    }

    YMap map() {
        return map;
    }

    Diagnostics diag() {
        return diag;
    }

    /** The value node, or {@code null} when the key is absent. */
    YNode node(String key) {
        return map.get(key);
    }

    /** True when the key is present with a non-null value. */
    boolean has(String key) {
        YNode n = map.get(key);
        return n != null && !(n instanceof YScalar s && s.isNull());
    }

    /** Where the key is written, or where the mapping starts when it is absent. */
    SourceLocation keyLocation(String key) {
        YScalar k = map.keyNode(key);
        return k != null ? k.location() : map.location();
    }

    String name(String key) {
        return section.isEmpty() ? "'" + key + "'" : "'" + section + "." + key + "'";
    }

    /** A string attribute; {@code null} when absent, null or of the wrong shape (reported). */
    String string(String key) {
        YNode n = map.get(key);
        return n == null ? null : text(n, name(key));
    }

    /** Like {@link #string} but a missing or empty value is a {@code MISSING_ATTRIBUTE} error. */
    String requiredString(String key, SourceLocation whereMissing) {
        YNode n = map.get(key);
        if (n == null) {
            diag.error(IssueCode.MISSING_ATTRIBUTE, whereMissing, name(key) + " is required");
            return null;
        }
        String s = text(n, name(key));
        if (s == null || s.isBlank()) {
            if (n instanceof YScalar) {
                diag.error(IssueCode.MISSING_ATTRIBUTE, n.location(), name(key) + " is required and must not be empty");
            }
            return null;
        }
        return s;
    }

    /** The text of a scalar node; null for YAML null; reports collections. */
    String text(YNode n, String what) {
        if (n instanceof YScalar s) {
            if (s.isNull()) {
                return null;
            }
            if (!s.isString()) {
                diag.warning(IssueCode.INVALID_ATTRIBUTE, s.location(), what + " should be a string, not a "
                        + kind(s.value()) + "; reading it as the text '" + s.text() + "'");
            }
            return s.text();
        }
        diag.error(IssueCode.INVALID_ATTRIBUTE, n.location(), what + " must be a string, not a " + n.typeName());
        return null;
    }

    /**
     * A list of strings. With {@code singleIsFine} a lone string is read as a one-element list silently,
     * otherwise with a warning. Duplicate entries are warned about when {@code unique}.
     */
    List<String> stringList(String key, boolean singleIsFine, boolean unique) {
        return strings(key, scalarList(key, singleIsFine), unique);
    }

    /** The texts of entries read by {@link #scalarList}. */
    List<String> strings(String key, List<YScalar> items, boolean unique) {
        List<String> out = new ArrayList<>(items.size());
        Set<String> seen = new HashSet<>();
        for (YScalar item : items) {
            String s = text(item, "an entry of " + name(key));
            if (s == null) {
                continue;
            }
            if (unique && !seen.add(s)) {
                diag.warning(IssueCode.INVALID_ATTRIBUTE, item.location(), name(key) + " repeats '" + s + "'");
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The non-null scalar entries of a list attribute (a lone scalar counts as a list of one, warned about
     * unless {@code singleIsFine}); collections inside and null entries are reported.
     */
    List<YScalar> scalarList(String key, boolean singleIsFine) {
        YNode n = map.get(key);
        if (n == null || n instanceof YScalar s && s.isNull()) {
            return List.of();
        }
        if (n instanceof YScalar s) {
            if (!singleIsFine) {
                diag.warning(IssueCode.INVALID_ATTRIBUTE, s.location(), name(key) + " should be a list");
            }
            return List.of(s);
        }
        if (n instanceof YMap) {
            diag.error(IssueCode.INVALID_ATTRIBUTE, n.location(), name(key) + " must be a list, not a map");
            return List.of();
        }
        List<YScalar> out = new ArrayList<>();
        for (YNode item : ((YSeq) n).items()) {
            if (item instanceof YScalar s && !s.isNull()) {
                out.add(s);
            } else {
                diag.error(IssueCode.INVALID_ATTRIBUTE, item.location(), "an entry of " + name(key)
                        + " must be a string, not " + (item instanceof YScalar ? "null" : "a " + item.typeName()));
            }
        }
        return out;
    }

    /** A mapping attribute, or {@code null} when absent or null; any other shape is reported. */
    YMap mapping(String key) {
        YNode n = map.get(key);
        if (n == null || n instanceof YScalar s && s.isNull()) {
            return null;
        }
        if (n instanceof YMap m) {
            return m;
        }
        diag.error(IssueCode.NOT_A_MAPPING, n.location(), name(key) + " must be a map, not a " + n.typeName());
        return null;
    }

    /** The node as a plain Java value: String, Long, BigInteger, Double, Boolean, null, List, Map. */
    static Object plain(YNode n) {
        if (n instanceof YScalar s) {
            return s.value();
        }
        if (n instanceof YSeq seq) {
            List<Object> out = new ArrayList<>(seq.items().size());
            seq.items().forEach(i -> out.add(plain(i))); // depth is bounded by the reader's limit
            return Collections.unmodifiableList(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((YMap) n).entries().forEach(e -> out.put(e.key().text(), plain(e.value())));
        return Collections.unmodifiableMap(out);
    }

    private static String kind(Object value) {
        return value instanceof Boolean ? "boolean" : "number";
    }
}
