package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.math.BigInteger;
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
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Test-only YAML to {@link YNode} adapter on snakeyaml-engine's compose API (YAML 1.2 core schema), with the
 * real 1-based positions, so tests can assert issue lines and columns. The production reader lives elsewhere.
 */
final class TestYaml {
    private TestYaml() {}

    static List<YNode> parseAll(String source, String yaml) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setLabel(source)
                .setCodePointLimit(16 * 1024 * 1024).setBufferSize(yaml.length() + 2).build();
        List<YNode> out = new ArrayList<>();
        for (Node n : new Compose(settings).composeAllFromString(yaml)) {
            out.add(convert(source, n));
        }
        return out;
    }

    static YNode parse(String source, String yaml) {
        return parseAll(source, yaml).get(0);
    }

    private static SourceLocation at(String source, Node n) {
        return n.getStartMark().map(m -> SourceLocation.of(source, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourceLocation.of(source, 1, 1));
    }

    private static YNode convert(String source, Node n) {
        if (n instanceof ScalarNode s) {
            return new YScalar(s.getValue(), resolve(s), style(s.getScalarStyle()), at(source, n));
        }
        if (n instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(source, item));
            }
            return new YSeq(items, at(source, n));
        }
        MappingNode map = (MappingNode) n;
        List<YMap.Entry> entries = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            entries.add(new YMap.Entry((YScalar) convert(source, t.getKeyNode()), convert(source, t.getValueNode())));
        }
        return new YMap(entries, at(source, n));
    }

    private static YScalar.Style style(ScalarStyle st) {
        return switch (st) {
            case SINGLE_QUOTED -> YScalar.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED -> YScalar.Style.DOUBLE_QUOTED;
            case LITERAL -> YScalar.Style.LITERAL;
            case FOLDED -> YScalar.Style.FOLDED;
            default -> YScalar.Style.PLAIN;
        };
    }

    private static Object resolve(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.valueOf(v.toLowerCase(java.util.Locale.ROOT));
        }
        if (tag.equals(Tag.INT)) {
            BigInteger big = v.startsWith("0x") ? new BigInteger(v.substring(2), 16)
                    : v.startsWith("0o") ? new BigInteger(v.substring(2), 8) : new BigInteger(v);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (tag.equals(Tag.FLOAT)) {
            String f = v.toLowerCase(java.util.Locale.ROOT);
            if (f.endsWith(".inf")) {
                return f.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return f.equals(".nan") ? Double.NaN : Double.valueOf(v);
        }
        return v;
    }
}
