package dev.edr.dsl.internal.detection;

/** {@code cased}: string and field-reference comparisons become case-sensitive. */
final class CasedModifier extends StringModifier {
    static final CasedModifier INSTANCE = new CasedModifier();

    @Override
    public String name() {
        return "cased";
    }

    @Override
    Value applyString(Value.Str s, ModifierContext ctx) {
        // not a transformation: a later modifier still sees the original value
        return new Value.Str(s.glob(), s.raw(), s.transformed(), s.bytes(), true);
    }

    @Override
    Value applyOther(Value value, ModifierContext ctx) throws ModifierException {
        if (value instanceof Value.FieldRef ref) {
            return new Value.FieldRef(ref.field(), ref.position(), true);
        }
        if (value instanceof Value.Regex) {
            throw notApplicable(value, "strings and field references (a regular expression is already"
                    + " case-sensitive unless 'i' is given)");
        }
        throw notApplicable(value, "strings and field references");
    }
}
