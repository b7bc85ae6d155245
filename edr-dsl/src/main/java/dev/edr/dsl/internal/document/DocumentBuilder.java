package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.response.Playbook;
import dev.edr.core.response.RuleResponse;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.SigmaDocument;
import dev.edr.core.rule.SigmaRule;
import dev.edr.dsl.Limits;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YamlDocument;
import dev.edr.dsl.response.PlaybookParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one YAML document into a rule, correlation, filter or response playbook. A document is a detection rule
 * when it has {@code detection}, a correlation when it has {@code correlation}, a filter when it has
 * {@code filter}, a playbook when it has {@code playbook}; with none of them (or more than one) it is reported as
 * {@code UNKNOWN_DOCUMENT_TYPE}. A rule's or correlation's {@code response:} block is validated with the document:
 * a bad block makes the document fail. A document with any error, from reading or building, yields nothing.
 * Immutable and thread-safe.
 */
public final class DocumentBuilder {
    private static final List<String> KIND_KEYS = List.of("detection", "correlation", "filter", "playbook");

    private final Limits limits;
    private final SectionParsers parsers;

    public DocumentBuilder(Limits limits, SectionParsers parsers) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parsers = Objects.requireNonNull(parsers, "parsers");
    }

    public BuiltDocument build(YamlDocument doc, Diagnostics diag) {
        BuildContext ctx = new BuildContext(diag, limits, parsers, doc.hasErrors());
        if (!(doc.root() instanceof YMap root)) {
            if (doc.complete()) {
                diag.error(IssueCode.NOT_A_MAPPING, doc.location(), "a Sigma document must be a map of attributes, "
                        + "not a " + (doc.root() == null ? "nothing" : doc.root().typeName()));
            }
            return new BuiltDocument(DocumentKind.UNKNOWN, null, null, null, null, doc.location(), List.of());
        }
        List<String> present = KIND_KEYS.stream().filter(k -> root.get(k) != null).toList();
        DocumentKind kind = present.isEmpty() ? DocumentKind.UNKNOWN : switch (present.get(0)) {
            case "detection" -> DocumentKind.RULE;
            case "correlation" -> DocumentKind.CORRELATION;
            case "playbook" -> DocumentKind.PLAYBOOK;
            default -> DocumentKind.FILTER;
        };
        if (!doc.complete()) {
            return identity(kind, null, root, ctx, List.of()); // reading stopped inside; the reader said why
        }
        if (present.size() != 1) {
            diag.error(IssueCode.UNKNOWN_DOCUMENT_TYPE, root.location(), present.isEmpty()
                    ? "the document has no 'detection', 'correlation', 'filter' or 'playbook', so it is neither a "
                            + "rule, a correlation, a filter nor a playbook" + legacyHint(root)
                    : "the document has " + String.join(" and ", present) + "; it must be exactly one of a rule "
                            + "(detection), a correlation, a filter or a playbook");
            return identity(kind, null, root, ctx, List.of());
        }
        if (kind == DocumentKind.PLAYBOOK) {
            Playbook playbook = PlaybookParser.parse(root, diag).orElse(null);
            return new BuiltDocument(kind, null, null, null, playbook == null ? playbookName(root) : playbook.name(),
                    root.location(), List.of(), null, ctx.hasErrors() ? null : playbook);
        }
        Attributes a = new Attributes(root, diag, "");
        List<Located> references = new ArrayList<>();
        SigmaDocument built = switch (kind) {
            case RULE -> rule(a, ctx);
            case CORRELATION -> CorrelationReader.read(a, MetaReader.read(a, Set.of("correlation", "generate"), true),
                    ctx, references);
            default -> FilterReader.read(a, MetaReader.read(a, Set.of("filter", "logsource"), false), ctx,
                    references);
        };
        RuleResponse response = kind == DocumentKind.FILTER ? null : RuleResponses.read(root, built, diag);
        BuiltDocument identity = identity(kind, ctx.hasErrors() ? null : built, root, ctx, references);
        return response == null || ctx.hasErrors() ? identity : new BuiltDocument(kind, identity.document(),
                identity.id(), identity.name(), identity.title(), identity.location(), references, response, null);
    }

    private static String playbookName(YMap root) {
        return root.get("playbook") instanceof YMap m && m.get("name") instanceof YScalar s && !s.isNull()
                ? s.text() : null;
    }

    private SigmaRule rule(Attributes a, BuildContext ctx) {
        RuleMeta meta = MetaReader.read(a, Set.of("logsource", "detection"), false);
        LogSource logsource = LogSourceReader.read(a);
        YMap section = a.mapping("detection");
        if (section == null) {
            if (a.node("detection") instanceof YScalar empty && empty.isNull()) { // other shapes: reported
                ctx.diag.error(IssueCode.NOT_A_MAPPING, a.keyLocation("detection"),
                        "'detection' is empty; it must be a map of search identifiers and a condition");
            }
            return null;
        }
        Detection detection = DetectionReader.read(section, a.keyLocation("detection"), "detection", Set.of(),
                meta.id() != null ? meta.id() : meta.name(), ctx);
        if (detection == null || logsource == null || ctx.hasErrors()) {
            return null;
        }
        return new SigmaRule(meta, logsource, detection, a.map().location());
    }

    /** The document's identity, read quietly: its problems were (or will be) reported by the readers. */
    private static BuiltDocument identity(DocumentKind kind, SigmaDocument built, YMap root, BuildContext ctx,
            List<Located> references) {
        return new BuiltDocument(kind, built, quiet(root, "id", ctx), quiet(root, "name", ctx),
                root.get("title") instanceof YScalar t && !t.isNull() ? t.text() : null, root.location(), references);
    }

    private static Located quiet(YMap root, String key, BuildContext ctx) {
        YNode n = root.get(key);
        return n instanceof YScalar s && !s.isNull() ? ctx.located(s) : null;
    }

    private static String legacyHint(YMap root) {
        return root.get("action") != null
                ? " (Sigma 1 rule collections with 'action: global' are not supported; write one rule per document)"
                : "";
    }
}
