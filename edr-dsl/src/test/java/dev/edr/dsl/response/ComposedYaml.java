package dev.edr.dsl.response;

import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Test stand-in for the project's YAML reader (written on another branch): composes YAML with snakeyaml-engine
 * and copies positions, scalar styles and core-schema booleans and integers into YNodes.
 */
final class ComposedYaml {
    private ComposedYaml() {}

    static YNode compose(String source, String yaml) {
        Node root = new Compose(LoadSettings.builder().setCodePointLimit(64 * 1024 * 1024).build())
                .composeString(yaml).orElseThrow();
        return convert(source, root);
    }

    /** The YAML 1.2 core schema for plain scalars, as the real reader resolves it. */
    private static Object resolve(String text, YScalar.Style style) {
        if (style != YScalar.Style.PLAIN) {
            return text;
        }
        if (text.matches("true|True|TRUE|false|False|FALSE")) {
            return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (text.matches("[-+]?[0-9]+")) {
            return Long.valueOf(text);
        }
        return text;
    }

    private static YNode convert(String source, Node node) {
        SourceLocation at = node.getStartMark()
                .map(m -> new SourceLocation(source, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourceLocation.UNKNOWN);
        if (node instanceof ScalarNode s) {
            YScalar.Style style = switch (s.getScalarStyle()) {
                case SINGLE_QUOTED -> YScalar.Style.SINGLE_QUOTED;
                case DOUBLE_QUOTED -> YScalar.Style.DOUBLE_QUOTED;
                case LITERAL -> YScalar.Style.LITERAL;
                case FOLDED -> YScalar.Style.FOLDED;
                default -> YScalar.Style.PLAIN;
            };
            boolean isNull = s.getScalarStyle() == ScalarStyle.PLAIN
                    && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"));
            return new YScalar(s.getValue(), isNull ? null : resolve(s.getValue(), style), style, at);
        }
        if (node instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(source, item));
            }
            return new YSeq(items, at);
        }
        List<YMap.Entry> entries = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            entries.add(new YMap.Entry((YScalar) convert(source, t.getKeyNode()), convert(source, t.getValueNode())));
        }
        return new YMap(entries, at);
    }
}
