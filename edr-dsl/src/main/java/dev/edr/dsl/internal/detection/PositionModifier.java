package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.ValueMatch.Position;

/**
 * {@code contains}, {@code startswith}, {@code endswith}: add {@code *} around, after or before the value
 * (merging with wildcards the value already has). On a {@code fieldref} they choose how the other field's value
 * is compared; on a placeholder they are remembered so the loss can be reported.
 */
final class PositionModifier extends StringModifier {
    private final String name;
    private final Position position;

    private PositionModifier(String name, Position position) {
        this.name = name;
        this.position = position;
    }

    static final PositionModifier CONTAINS = new PositionModifier("contains", Position.CONTAINS);
    static final PositionModifier STARTSWITH = new PositionModifier("startswith", Position.STARTSWITH);
    static final PositionModifier ENDSWITH = new PositionModifier("endswith", Position.ENDSWITH);

    @Override
    public String name() {
        return name;
    }

    @Override
    Value applyString(Value.Str s, ModifierContext ctx) {
        Glob g = s.glob();
        if (position != Position.STARTSWITH) {
            g = g.prepend(Glob.Wildcard.MANY);
        }
        if (position != Position.ENDSWITH) {
            g = g.append(Glob.Wildcard.MANY);
        }
        return s.withGlob(g);
    }

    @Override
    Value applyOther(Value value, ModifierContext ctx) throws ModifierException {
        if (value instanceof Value.FieldRef ref) {
            if (ref.position() != Position.EQUALS && ref.position() != position) {
                throw ModifierException.atModifier(IssueCode.INVALID_MODIFIER, "'" + name
                        + "' conflicts with the position already given to the field reference ("
                        + ref.position().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            return new Value.FieldRef(ref.field(), position, ref.cased());
        }
        if (value instanceof Value.Placeholder p) {
            return new Value.Placeholder(p.name(), true);
        }
        throw notApplicable(value, "strings, field references and placeholders");
    }
}
