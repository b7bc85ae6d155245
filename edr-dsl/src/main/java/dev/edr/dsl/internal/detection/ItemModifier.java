package dev.edr.dsl.internal.detection;

/**
 * {@code all} and {@code neq} change how an item combines its values (AND instead of OR; negation), not the
 * values themselves; {@link ItemParser} reads them from the chain.
 */
final class ItemModifier implements Modifier {
    static final ItemModifier ALL = new ItemModifier("all");
    static final ItemModifier NEQ = new ItemModifier("neq");

    private final String name;

    private ItemModifier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Value apply(Value value, ModifierContext ctx) {
        return value;
    }
}
