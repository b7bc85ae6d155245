package dev.edr.core.rule;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The descriptive attributes every Sigma document (rule, correlation, filter) may carry. Absent scalars
 * are {@code null}; absent lists are empty. {@code custom} keeps unknown attributes (plain Java values:
 * String, Long/Double/BigInteger, Boolean, List, Map, null) in file order.
 */
public record RuleMeta(
        String title,
        String id,
        String name,
        List<Related> related,
        String taxonomy,
        String status,
        String description,
        String license,
        List<String> references,
        String author,
        String date,
        String modified,
        List<String> tags,
        List<String> fields,
        List<String> falsepositives,
        String level,
        List<String> scope,
        Map<String, Object> custom) {

    /*
     * Metadata lives as long as the engine that reports it, and across a pack most of it repeats (a few statuses and
     * levels, some hundred tags and authors shared by thousands of rules, the same references and false positives):
     * every string but the title and the identifiers is interned, so a repeated value is held once.
     */
    public RuleMeta {
        related = List.copyOf(related);
        taxonomy = intern(taxonomy);
        status = intern(status);
        description = intern(description);
        license = intern(license);
        references = interned(references);
        author = intern(author);
        date = intern(date);
        modified = intern(modified);
        tags = interned(tags);
        fields = interned(fields);
        falsepositives = interned(falsepositives);
        level = intern(level);
        scope = interned(scope);
        custom = custom.isEmpty() ? Map.of() : interned(custom);
    }

    private static String intern(String s) {
        return s == null ? null : s.intern();
    }

    /** An unmodifiable copy in the same order, keys and string values interned (custom attributes repeat too). */
    private static Map<String, Object> interned(Map<String, Object> custom) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(custom.size() * 4 / 3 + 1);
        custom.forEach((k, v) -> copy.put(intern(k), v instanceof String text ? text.intern() : v));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** An immutable copy with interned elements; null elements are rejected as {@link List#copyOf} does. */
    private static List<String> interned(List<String> values) {
        String[] a = values.toArray(new String[0]);
        for (int i = 0; i < a.length; i++) a[i] = a[i].intern();
        return List.of(a);
    }

    /** Minimal metadata, for tests and programmatic rules. */
    public static RuleMeta of(String title, String id, String level) {
        return new RuleMeta(title, id, null, List.of(), null, null, null, null, List.of(), null, null, null,
                List.of(), List.of(), List.of(), level, List.of(), Map.of());
    }

    public RuleMeta withTags(List<String> newTags) {
        return new RuleMeta(title, id, name, related, taxonomy, status, description, license, references, author,
                date, modified, newTags, fields, falsepositives, level, scope, custom);
    }

    /** The id if present, else the name, else the title: how packs refer to a document. */
    public String key() {
        return id != null ? id : Objects.requireNonNullElse(name, title);
    }

    public record Related(String type, String id) {
        public Related {
            type = intern(type); // a handful of relation types, ids of a few popular rules
            id = intern(id);
        }
    }
}
