package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.ValueMatch;
import java.util.ArrayList;
import java.util.List;

/** Turns a value whose modifier chain is complete into the core model's {@link ValueMatch}. */
final class ValueLowering {
    private ValueLowering() {}

    static ValueMatch lower(Value value, ModifierContext ctx) throws ModifierException {
        if (value instanceof Value.Str s) {
            return new ValueMatch.StringMatch(s.glob(), s.cased());
        } else if (value instanceof Value.Num n) {
            return number(n);
        } else if (value instanceof Value.Bool b) {
            return new ValueMatch.BoolMatch(b.value());
        } else if (value instanceof Value.Null) {
            return new ValueMatch.IsNull();
        } else if (value instanceof Value.Regex r) {
            return new ValueMatch.RegexMatch(r.pattern(), r.ignoreCase(), r.multiline(), r.dotAll());
        } else if (value instanceof Value.Cidr c) {
            return new ValueMatch.CidrMatch(c.cidr());
        } else if (value instanceof Value.Compare c) {
            return new ValueMatch.NumberCompare(c.op(), c.value());
        } else if (value instanceof Value.Exists e) {
            return new ValueMatch.Exists(e.present());
        } else if (value instanceof Value.FieldRef f) {
            return new ValueMatch.FieldRef(f.field(), f.position(), f.cased());
        } else if (value instanceof Value.TimePart t) {
            return lowerTimePart(t, ctx);
        } else if (value instanceof Value.Placeholder p) {
            // validate must tell what the engine will do: no built-in pipeline resolves placeholders
            ctx.warn(IssueCode.UNSUPPORTED_FEATURE, true, "placeholder %" + p.name() + "% (expand) must be"
                    + " resolved by a pipeline; the engine rejects a rule with an unresolved placeholder"
                    + (p.wildcards() ? "; the contains/startswith/endswith position around it is not kept: a"
                            + " pipeline that resolves it compares whole values" : ""));
            return new ValueMatch.Placeholder(p.name());
        } else if (value instanceof Value.Alternatives a) {
            List<ValueMatch> out = new ArrayList<>(a.items().size());
            for (Value item : a.items()) {
                out.add(lower(item, ctx));
            }
            return out.size() == 1 ? out.get(0) : new ValueMatch.AnyOf(out);
        }
        throw new IllegalStateException("unhandled value " + value);
    }

    /**
     * A number compares as its decimal text. Events print a double without trailing zeros ({@code 1.0 -> 1},
     * {@code 2.50 -> 2.5}, {@code 1e3 -> 1000}), so a YAML float written otherwise also matches that form;
     * the text as written still matches string fields that hold it.
     */
    private static ValueMatch number(Value.Num n) {
        ValueMatch written = new ValueMatch.StringMatch(Glob.literal(n.text()), false);
        String canonical = n.value().signum() == 0 ? "0" : n.value().stripTrailingZeros().toPlainString();
        if (canonical.equals(n.text())) {
            return written;
        }
        return new ValueMatch.AnyOf(List.of(written, new ValueMatch.StringMatch(Glob.literal(canonical), false)));
    }

    private static ValueMatch lowerTimePart(Value.TimePart t, ModifierContext ctx) throws ModifierException {
        if (t.inner() instanceof Value.Num n) {
            int[] range = TimeModifier.range(t.unit());
            if (range != null && (n.value().compareTo(java.math.BigDecimal.valueOf(range[0])) < 0
                    || n.value().compareTo(java.math.BigDecimal.valueOf(range[1])) > 0)) {
                throw ModifierException.atValue(IssueCode.INVALID_VALUE, "a " + t.unit().name()
                        .toLowerCase(java.util.Locale.ROOT) + " is between " + range[0] + " and " + range[1] + ", so "
                        + n.text() + " never matches");
            }
        }
        return new ValueMatch.TimePart(t.unit(), lower(t.inner(), ctx));
    }
}
