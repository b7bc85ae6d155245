package dev.edr.dsl.pipeline;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.event.WindowsMapping;
import dev.edr.core.event.WindowsMapping.CategoryRoute;
import dev.edr.core.event.WindowsMapping.Source;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Checks the shape of a {@code kind: windows} pipeline document and builds the core {@link WindowsMapping}. */
final class WindowsPipelineReader {
    private static final Set<String> TOP_KEYS = Set.of("kind", "extends", "product", "sources");
    private static final Set<String> SOURCE_KEYS = Set.of("channels", "providers", "services", "categories");
    private static final Set<String> ROUTE_KEYS = Set.of("event_ids", "when", "fields");
    /** Windows event ids are 16-bit. */
    private static final long MAX_EVENT_ID = 65_535;

    private final Diagnostics diag;

    private WindowsPipelineReader(Diagnostics diag) {
        this.diag = diag;
    }

    /**
     * The mapping the document describes, already merged onto {@code base} when it says {@code extends:
     * default}; {@code null} when {@code diag} got errors.
     */
    static WindowsMapping read(YNode root, Diagnostics diag, Supplier<WindowsMapping> base) {
        return new WindowsPipelineReader(diag).document(root, base);
    }

    private WindowsMapping document(YNode root, Supplier<WindowsMapping> base) {
        if (!(root instanceof YMap)) {
            diag.error(IssueCode.NOT_A_MAPPING, root.location(), "a pipeline is a mapping, not a " + root.typeName());
            return null;
        }
        YMap top = (YMap) root;
        checkKeys(top, TOP_KEYS, "pipeline");
        String kind = requiredText(top, "kind");
        if (kind != null && !kind.equals("windows")) {
            diag.error(IssueCode.INVALID_ATTRIBUTE, top.get("kind").location(),
                    "unknown pipeline kind '" + kind + "' (known: windows)");
        }
        boolean extendsDefault = false;
        if (top.get("extends") != null) {
            String ext = text(top.get("extends"), "extends");
            extendsDefault = "default".equals(ext);
            if (ext != null && !extendsDefault) {
                diag.error(IssueCode.INVALID_ATTRIBUTE, top.get("extends").location(),
                        "'extends' can only name the built-in pipeline: extends: default");
            }
        }
        String product = top.get("product") == null && extendsDefault ? null : requiredText(top, "product");
        Map<String, Source> sources = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        YNode sourcesNode = top.get("sources");
        if (sourcesNode == null) {
            diag.error(IssueCode.MISSING_ATTRIBUTE, top.location(), "missing 'sources'");
        } else if (!(sourcesNode instanceof YMap)) {
            diag.error(IssueCode.NOT_A_MAPPING, sourcesNode.location(),
                    "'sources' maps source names to sources, not a " + sourcesNode.typeName());
        } else {
            for (YMap.Entry e : ((YMap) sourcesNode).entries()) {
                String name = e.key().text();
                if (name.isBlank()) {
                    diag.error(IssueCode.INVALID_ATTRIBUTE, e.key().location(), "a source name must not be empty");
                } else if (e.value() instanceof YScalar && ((YScalar) e.value()).isNull()) {
                    removed.add(name);
                } else {
                    Source s = source(name, e.key(), e.value());
                    if (s != null) {
                        sources.put(name, s);
                    }
                }
            }
        }
        if (diag.hasErrors()) {
            return null;
        }
        if (!extendsDefault) {
            return new WindowsMapping(product, sources);
        }
        WindowsMapping start = base.get().without(removed);
        return start.merge(new WindowsMapping(product == null ? start.product() : product, sources));
    }

    private Source source(String name, YScalar key, YNode node) {
        if (!(node instanceof YMap)) {
            diag.error(IssueCode.NOT_A_MAPPING, node.location(), "source '" + name + "' must be a mapping (channels,"
                    + " providers, services, categories) or null to remove it, not a " + node.typeName());
            return null;
        }
        YMap m = (YMap) node;
        int errors = diag.errorCount();
        checkKeys(m, SOURCE_KEYS, "source '" + name + "'");
        List<String> channels = texts(m.get("channels"), "channels");
        List<String> providers = texts(m.get("providers"), "providers");
        List<String> services = texts(m.get("services"), "services");
        if (channels.isEmpty() && providers.isEmpty()) {
            diag.error(IssueCode.MISSING_ATTRIBUTE, key.location(),
                    "source '" + name + "' needs at least one of 'channels' or 'providers'");
        }
        List<CategoryRoute> routes = new ArrayList<>();
        YNode cats = m.get("categories");
        if (cats instanceof YMap) {
            for (YMap.Entry e : ((YMap) cats).entries()) {
                CategoryRoute r = route(e.key(), e.value());
                if (r != null) {
                    routes.add(r);
                }
            }
        } else if (cats != null) {
            diag.error(IssueCode.NOT_A_MAPPING, cats.location(),
                    "'categories' maps category names to event ids or routes, not a " + cats.typeName());
        }
        return diag.errorCount() > errors ? null : new Source(channels, providers, services, routes);
    }

    private CategoryRoute route(YScalar key, YNode node) {
        String category = key.text().strip();
        if (category.isEmpty()) {
            diag.error(IssueCode.INVALID_ATTRIBUTE, key.location(), "a category name must not be empty");
            return null;
        }
        if (!(node instanceof YMap)) {
            return new CategoryRoute(category, eventIds(node), Map.of(), Map.of());
        }
        YMap m = (YMap) node;
        checkKeys(m, ROUTE_KEYS, "category '" + category + "'");
        Set<Long> ids = m.get("event_ids") == null ? Set.of() : eventIds(m.get("event_ids"));
        Map<String, List<String>> when = new LinkedHashMap<>();
        for (YMap.Entry e : entries(m.get("when"), "when")) {
            List<String> values = texts(e.value(), "when '" + e.key().text() + "'");
            if (values.isEmpty()) {
                diag.error(IssueCode.INVALID_ATTRIBUTE, e.value().location(), "'when' needs at least one value");
            }
            when.put(e.key().text(), values);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (YMap.Entry e : entries(m.get("fields"), "fields")) {
            String own = text(e.value(), "field '" + e.key().text() + "'");
            if (e.key().text().isBlank()) {
                diag.error(IssueCode.INVALID_ATTRIBUTE, e.key().location(), "a Sigma field name must not be empty");
            } else if (own != null) {
                fields.put(e.key().text(), own);
            }
        }
        return new CategoryRoute(category, ids, when, fields);
    }

    private Set<Long> eventIds(YNode node) {
        Set<Long> ids = new LinkedHashSet<>();
        List<YNode> items = node instanceof YSeq ? ((YSeq) node).items() : List.of(node);
        if (items.isEmpty()) {
            diag.error(IssueCode.INVALID_ATTRIBUTE, node.location(), "an empty event id list matches nothing");
        }
        for (YNode item : items) {
            Object v = item instanceof YScalar ? ((YScalar) item).value() : null;
            if (v instanceof Long && (Long) v >= 0 && (Long) v <= MAX_EVENT_ID) {
                ids.add((Long) v);
            } else {
                diag.error(IssueCode.INVALID_ATTRIBUTE, item.location(),
                        "an event id is an integer from 0 to " + MAX_EVENT_ID + ", not " + describe(item));
            }
        }
        return ids;
    }

    private List<YMap.Entry> entries(YNode node, String what) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof YMap)) {
            diag.error(IssueCode.NOT_A_MAPPING, node.location(), "'" + what + "' must be a mapping, not a "
                    + node.typeName());
            return List.of();
        }
        return ((YMap) node).entries();
    }

    private void checkKeys(YMap m, Set<String> allowed, String where) {
        for (YMap.Entry e : m.entries()) {
            if (!allowed.contains(e.key().text())) {
                diag.error(IssueCode.INVALID_ATTRIBUTE, e.key().location(), "unknown key '" + e.key().text()
                        + "' in " + where + " (expected: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private String requiredText(YMap m, String key) {
        if (m.get(key) == null) {
            diag.error(IssueCode.MISSING_ATTRIBUTE, m.location(), "missing '" + key + "'");
            return null;
        }
        return text(m.get(key), key);
    }

    /** A non-empty scalar as text (numbers are accepted as their text: a channel may look like one). */
    private String text(YNode node, String what) {
        if (node instanceof YScalar && !((YScalar) node).isNull() && !((YScalar) node).text().isBlank()) {
            return ((YScalar) node).text().strip();
        }
        diag.error(IssueCode.INVALID_ATTRIBUTE, node.location(), "'" + what + "' must be a non-empty text, not "
                + describe(node));
        return null;
    }

    /** A text or a list of texts; absent means empty. */
    private List<String> texts(YNode node, String what) {
        if (node == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YNode item : node instanceof YSeq ? ((YSeq) node).items() : List.of(node)) {
            String t = text(item, what);
            if (t != null && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static String describe(YNode node) {
        if (node instanceof YScalar) {
            YScalar s = (YScalar) node;
            return s.isNull() ? "null" : "'" + (s.text().length() > 40 ? s.text().substring(0, 40) + "…" : s.text()) + "'";
        }
        return "a " + node.typeName();
    }
}
