package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.ValueMatch.Comparison;
import java.math.BigDecimal;

/**
 * {@code lt lte gt gte}: the value must be a number (a YAML number or a string holding one). After a time
 * modifier the comparison applies to the extracted date part.
 */
final class CompareModifier implements Modifier {
    static final CompareModifier LT = new CompareModifier("lt", Comparison.LT);
    static final CompareModifier LTE = new CompareModifier("lte", Comparison.LTE);
    static final CompareModifier GT = new CompareModifier("gt", Comparison.GT);
    static final CompareModifier GTE = new CompareModifier("gte", Comparison.GTE);

    private final String name;
    private final Comparison op;

    private CompareModifier(String name, Comparison op) {
        this.name = name;
        this.op = op;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean appliesToKeywords() {
        return false;
    }

    @Override
    public Value apply(Value value, ModifierContext ctx) throws ModifierException {
        if (value instanceof Value.TimePart tp) {
            if (tp.inner() instanceof Value.Num n) {
                return new Value.TimePart(tp.unit(), new Value.Compare(op, n.value()));
            }
            throw onlyOne();
        }
        if (value instanceof Value.Compare) {
            throw onlyOne();
        }
        BigDecimal number = Numbers.of(value);
        if (number != null) {
            return new Value.Compare(op, number);
        }
        if (value instanceof Value.Str s && !s.transformed()) {
            throw ModifierException.atValue(IssueCode.INVALID_VALUE,
                    "'" + name + "' compares numbers, but '" + s.raw() + "' is not a number");
        }
        throw notApplicable(value, "numbers");
    }

    private ModifierException onlyOne() {
        return ModifierException.atModifier(IssueCode.INVALID_MODIFIER,
                "'" + name + "': a value takes only one comparison (lt, lte, gt, gte)");
    }
}
