package dev.edr.dsl.internal.detection;

/**
 * One Sigma value modifier. Modifiers of a key {@code field|m1|m2} are applied left to right to each value;
 * each receives the result of the previous one and either transforms it or rejects it with a
 * {@link ModifierException} that says what the modifier applies to.
 */
interface Modifier {
    String name();

    Value apply(Value value, ModifierContext ctx) throws ModifierException;

    /** Whether the modifier makes sense without a field (a {@code '|mod'} keyword key). */
    default boolean appliesToKeywords() {
        return true;
    }

    /** The standard rejection: this modifier cannot take a value of that type. */
    default ModifierException notApplicable(Value value, String appliesTo) {
        return ModifierException.atModifier(dev.edr.core.diag.IssueCode.INVALID_MODIFIER,
                "'" + name() + "' applies to " + appliesTo + ", not to " + value.describe()
                        + ModifierException.producedBy(value));
    }
}
