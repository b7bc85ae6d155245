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

    public RuleMeta {
        related = List.copyOf(related);
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
        falsepositives = List.copyOf(falsepositives);
        scope = List.copyOf(scope);
        custom = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(custom));
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

    public record Related(String type, String id) {}
}
