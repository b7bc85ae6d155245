package dev.edr.dsl.internal.detection;

/** The {@code re} sub-modifiers: {@code i} ignore case, {@code m} multi-line anchors, {@code s} dot matches newline. */
final class RegexFlagModifier implements Modifier {
    static final RegexFlagModifier IGNORE_CASE = new RegexFlagModifier("i");
    static final RegexFlagModifier MULTILINE = new RegexFlagModifier("m");
    static final RegexFlagModifier DOT_ALL = new RegexFlagModifier("s");

    private final String name;

    private RegexFlagModifier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Value apply(Value value, ModifierContext ctx) throws ModifierException {
        if (!(value instanceof Value.Regex r)) {
            throw notApplicable(value, "a regular expression (write 're|" + name + "')");
        }
        return new Value.Regex(r.pattern(), r.ignoreCase() || this == IGNORE_CASE, r.multiline() || this == MULTILINE,
                r.dotAll() || this == DOT_ALL);
    }
}
