package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;

/**
 * A modifier rejected a value. Internal to this package: always caught by {@link ItemParser} and turned into
 * an issue located at the modifier inside the key or at the value node.
 */
final class ModifierException extends Exception {
    private static final long serialVersionUID = 1L;
    private final IssueCode code;
    private final boolean atValue;

    private ModifierException(IssueCode code, boolean atValue, String message) {
        super(message, null, false, false);
        this.code = code;
        this.atValue = atValue;
    }

    static ModifierException atModifier(IssueCode code, String message) {
        return new ModifierException(code, false, message);
    }

    static ModifierException atValue(IssueCode code, String message) {
        return new ModifierException(code, true, message);
    }

    IssueCode code() {
        return code;
    }

    boolean atValue() {
        return atValue;
    }

    /** A hint for messages: a string reshaped by an earlier modifier is why a later one cannot apply. */
    static String producedBy(Value value) {
        if (value instanceof Value.Str s && s.transformed()) {
            return " (the string was already transformed by an earlier modifier; reorder the modifiers)";
        }
        if (value instanceof Value.Alternatives) {
            return " (an expansion produced by an earlier modifier; reorder the modifiers)";
        }
        return "";
    }
}
