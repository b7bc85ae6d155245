package dev.edr.dsl.internal.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the modifiers that reshape strings. Numbers are strings to Sigma ("all values are treated as
 * strings"), so they are converted; expansions from earlier modifiers are transformed alternative by
 * alternative, and nested expansions are flattened.
 */
abstract class StringModifier implements Modifier {

    @Override
    public final Value apply(Value value, ModifierContext ctx) throws ModifierException {
        if (value instanceof Value.Alternatives alts) {
            List<Value> out = new ArrayList<>();
            for (Value item : alts.items()) {
                Value r = apply(item, ctx);
                if (r instanceof Value.Alternatives nested) {
                    out.addAll(nested.items());
                } else {
                    out.add(r);
                }
            }
            return new Value.Alternatives(out);
        }
        if (value instanceof Value.Num n) {
            return applyString(Value.Str.of(n.text()), ctx);
        }
        if (value instanceof Value.Str s) {
            return applyString(s, ctx);
        }
        return applyOther(value, ctx);
    }

    abstract Value applyString(Value.Str s, ModifierContext ctx) throws ModifierException;

    /** Non-string values: rejected unless a subclass knows better. */
    Value applyOther(Value value, ModifierContext ctx) throws ModifierException {
        throw notApplicable(value, "strings");
    }

    /** Rejects utf16-encoded strings, which only base64 may consume. */
    final void requireText(Value.Str s) throws ModifierException {
        if (s.bytes()) {
            throw ModifierException.atModifier(dev.edr.core.diag.IssueCode.INVALID_MODIFIER,
                    "'" + name() + "' applies to text, not to the bytes produced by a utf16/wide modifier;"
                            + " put it before the encoding modifier");
        }
    }
}
