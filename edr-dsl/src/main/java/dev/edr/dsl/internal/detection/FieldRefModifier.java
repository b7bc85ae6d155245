package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.ValueMatch.Position;
import java.util.List;

/**
 * {@code fieldref}: the value names another field of the same event. contains/startswith/endswith may come
 * before or after it and choose the comparison position; {@code cased} makes it case-sensitive.
 */
final class FieldRefModifier extends StringModifier {
    static final FieldRefModifier INSTANCE = new FieldRefModifier();

    @Override
    public String name() {
        return "fieldref";
    }

    @Override
    public boolean appliesToKeywords() {
        return false;
    }

    @Override
    Value applyString(Value.Str s, ModifierContext ctx) throws ModifierException {
        requireText(s);
        if (!s.transformed() && !s.glob().isLiteral()) {
            throw ModifierException.atValue(IssueCode.INVALID_VALUE, "'fieldref' needs a field name without"
                    + " wildcards, not '" + s.raw() + "'; use contains/startswith/endswith for partial matches");
        }
        List<Glob.Segment> segs = s.glob().segments();
        boolean leading = !segs.isEmpty() && segs.get(0) == Glob.Wildcard.MANY;
        boolean trailing = segs.size() > 1 && segs.get(segs.size() - 1) == Glob.Wildcard.MANY;
        int from = leading ? 1 : 0;
        int to = segs.size() - (trailing ? 1 : 0);
        String name = to - from == 1 && segs.get(from) instanceof Glob.Text t ? t.text().strip() : "";
        if (name.isEmpty()) {
            String message = "'fieldref' needs the name of another field, not '" + s.glob() + "'";
            throw s.transformed() && !(leading || trailing) ? ModifierException.atModifier(IssueCode.INVALID_MODIFIER,
                    message) : ModifierException.atValue(IssueCode.INVALID_VALUE, message);
        }
        Position position = leading && trailing ? Position.CONTAINS
                : leading ? Position.ENDSWITH : trailing ? Position.STARTSWITH : Position.EQUALS;
        return new Value.FieldRef(name, position, s.cased());
    }
}
