package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;

/** {@code exists}: the value is {@code true} or {@code false} (a YAML boolean) and tests presence of the field. */
final class ExistsModifier implements Modifier {
    static final ExistsModifier INSTANCE = new ExistsModifier();

    @Override
    public String name() {
        return "exists";
    }

    @Override
    public boolean appliesToKeywords() {
        return false;
    }

    @Override
    public Value apply(Value value, ModifierContext ctx) throws ModifierException {
        if (value instanceof Value.Bool b) {
            return new Value.Exists(b.value());
        }
        String got = value instanceof Value.Str s && !s.transformed() ? "'" + s.raw() + "'" : value.describe();
        throw ModifierException.atValue(IssueCode.INVALID_VALUE,
                "'exists' needs the boolean true or false (unquoted), not " + got);
    }
}
