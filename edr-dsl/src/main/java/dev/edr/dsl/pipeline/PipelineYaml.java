package dev.edr.dsl.pipeline;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a pipeline file into positioned {@link YNode}s. Uses SnakeYAML Engine's composer only: it builds a node
 * graph and never constructs objects, so no tag can instantiate anything; explicit tags other than the core
 * schema's are refused anyway. Pipelines are small, so the limits are tight.
 */
final class PipelineYaml {
    static final int MAX_CHARS = 1024 * 1024;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_NODES = 100_000;
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

    private final Diagnostics diag;
    private int nodes;

    private PipelineYaml(Diagnostics diag) {
        this.diag = diag;
    }

    /** The single document of {@code text}, or {@code null} after reporting why there is none. */
    static YNode read(String text, Diagnostics diag) {
        return new PipelineYaml(diag).document(text);
    }

    private YNode document(String text) {
        if (text.length() > MAX_CHARS) {
            diag.error(IssueCode.YAML_LIMIT, at(1, 1), "a pipeline file is limited to " + MAX_CHARS + " characters");
            return null;
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(diag.source())
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CHARS)
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                // SnakeYAML Engine 2.9 fails with IndexOutOfBoundsException when a surrogate pair (an emoji)
                // straddles its read window (fixed upstream in 3.1.1): one window for the whole text avoids it
                .setBufferSize(text.length() + 16)
                .build();
        try {
            Iterator<Node> docs = new Compose(settings).composeAllFromString(text).iterator();
            if (!docs.hasNext()) {
                diag.error(IssueCode.EMPTY_FILE, at(1, 1), "the pipeline file is empty");
                return null;
            }
            Node root = docs.next();
            if (docs.hasNext()) {
                Node second = docs.next();
                diag.error(IssueCode.YAML_SYNTAX, location(second), "a pipeline file holds one YAML document");
                return null;
            }
            return convert(root, 1);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            SourceLocation loc = mark.map(m -> at(m.getLine() + 1, m.getColumn() + 1)).orElse(at(1, 1));
            String problem = e.getProblem() == null ? e.getClass().getSimpleName() : e.getProblem();
            diag.error(IssueCode.YAML_SYNTAX, loc, "malformed YAML: " + problem.strip());
        } catch (YamlEngineException e) {
            boolean limit = String.valueOf(e.getMessage()).contains("exceeds");
            diag.error(limit ? IssueCode.YAML_LIMIT : IssueCode.YAML_SYNTAX, at(1, 1),
                    (limit ? "YAML limit exceeded: " : "malformed YAML: ") + e.getMessage());
        } catch (StackOverflowError e) {
            // the composer recurses per nesting level; the unwound stack is healthy again here
            diag.error(IssueCode.YAML_LIMIT, at(1, 1), "YAML nesting is too deep");
        } catch (TooBig e) {
            diag.error(IssueCode.YAML_LIMIT, e.where, e.getMessage());
        } catch (RuntimeException e) {
            // a parser defect must not escape as an undocumented exception
            diag.error(IssueCode.YAML_SYNTAX, at(1, 1), "the YAML parser failed: " + e);
        }
        return null;
    }

    private YNode convert(Node node, int depth) {
        SourceLocation loc = location(node);
        if (++nodes > MAX_NODES) {
            throw new TooBig("more than " + MAX_NODES + " YAML nodes (aliases expanded)", loc);
        }
        if (depth > MAX_DEPTH) {
            throw new TooBig("YAML nesting deeper than " + MAX_DEPTH + " levels", loc);
        }
        boolean tagged = !PLAIN_TAGS.contains(node.getTag());
        if (tagged) {
            // reported, then read as untagged so that the shape check does not pile up follow-up errors
            diag.error(IssueCode.YAML_FORBIDDEN_TAG, loc, "explicit YAML tag " + node.getTag() + " is not allowed");
        }
        if (node instanceof ScalarNode) {
            ScalarNode n = (ScalarNode) node;
            return tagged ? new YScalar(n.getValue(), n.getValue(), style(n.getScalarStyle()), loc) : scalar(n, loc);
        }
        if (node instanceof SequenceNode) {
            List<YNode> items = new ArrayList<>();
            for (Node item : ((SequenceNode) node).getValue()) {
                items.add(convert(item, depth + 1));
            }
            return new YSeq(items, loc);
        }
        List<YMap.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode)) {
                diag.error(IssueCode.NOT_A_MAPPING, location(t.getKeyNode()), "mapping keys must be plain scalars");
                continue;
            }
            YNode key = convert(t.getKeyNode(), depth + 1);
            if (!(key instanceof YScalar)) {
                continue;
            }
            YScalar k = (YScalar) key;
            if (!seen.add(k.text())) {
                diag.error(IssueCode.YAML_DUPLICATE_KEY, k.location(), "duplicate key '" + k.text() + "'");
                continue;
            }
            entries.add(new YMap.Entry(k, convert(t.getValueNode(), depth + 1)));
        }
        return new YMap(entries, loc);
    }

    private static YScalar scalar(ScalarNode n, SourceLocation loc) {
        String text = n.getValue();
        Tag tag = n.getTag();
        Object value = text;
        if (tag.equals(Tag.NULL)) {
            value = null;
        } else if (tag.equals(Tag.BOOL)) {
            value = Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT).equals("true"));
        } else if (tag.equals(Tag.INT)) {
            value = integer(text);
        } else if (tag.equals(Tag.FLOAT)) {
            value = floating(text);
        }
        return new YScalar(text, value, style(n.getScalarStyle()), loc);
    }

    private static Object integer(String text) {
        String t = text.replace("_", "");
        int radix = 10;
        boolean negative = t.startsWith("-");
        if (t.startsWith("+") || t.startsWith("-")) {
            t = t.substring(1);
        }
        if (t.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        }
        try {
            BigInteger b = new BigInteger(t, radix);
            b = negative ? b.negate() : b;
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object floating(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith(".nan")) {
            return Double.NaN;
        }
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static YScalar.Style style(ScalarStyle s) {
        switch (s) {
            case SINGLE_QUOTED: return YScalar.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED:
            case JSON_SCALAR_STYLE: return YScalar.Style.DOUBLE_QUOTED;
            case LITERAL: return YScalar.Style.LITERAL;
            case FOLDED: return YScalar.Style.FOLDED;
            default: return YScalar.Style.PLAIN;
        }
    }

    private SourceLocation location(Node n) {
        return n.getStartMark().map(m -> at(m.getLine() + 1, m.getColumn() + 1)).orElse(at(1, 1));
    }

    private SourceLocation at(int line, int column) {
        return SourceLocation.of(diag.source(), line, column);
    }

    private static final class TooBig extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SourceLocation where;

        TooBig(String message, SourceLocation where) {
            super(message, null, false, false);
            this.where = where;
        }
    }
}
