package dev.edr.dsl.internal.detection;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.ValueMatch.TimeUnit;
import java.math.BigDecimal;

/**
 * {@code minute hour day week month year}: take a part of the field's date value and test it. Chaining rule:
 * the time modifier comes first among the value modifiers and may be followed by exactly one of
 * {@code lt lte gt gte} ({@code field|hour|gte: 20}); without a comparison the part must equal the value
 * ({@code field|month: 12}). {@code all} and {@code neq} may appear anywhere. The value is an integer; an
 * equality value outside the unit's range (minute 0-59, hour 0-23, day 1-31, week 1-53, month 1-12) can never
 * match and is an error. Any other modifier before or after is a chain error.
 */
final class TimeModifier implements Modifier {
    static final TimeModifier MINUTE = new TimeModifier(TimeUnit.MINUTE);
    static final TimeModifier HOUR = new TimeModifier(TimeUnit.HOUR);
    static final TimeModifier DAY = new TimeModifier(TimeUnit.DAY);
    static final TimeModifier WEEK = new TimeModifier(TimeUnit.WEEK);
    static final TimeModifier MONTH = new TimeModifier(TimeUnit.MONTH);
    static final TimeModifier YEAR = new TimeModifier(TimeUnit.YEAR);

    private final TimeUnit unit;

    private TimeModifier(TimeUnit unit) {
        this.unit = unit;
    }

    @Override
    public String name() {
        return unit.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean appliesToKeywords() {
        return false;
    }

    @Override
    public Value apply(Value value, ModifierContext ctx) throws ModifierException {
        if (value instanceof Value.Compare) {
            throw ModifierException.atModifier(IssueCode.INVALID_MODIFIER,
                    "'" + name() + "' must come before the comparison (write 'field|" + name() + "|gte')");
        }
        if (value instanceof Value.TimePart) {
            throw ModifierException.atModifier(IssueCode.INVALID_MODIFIER, "'" + name()
                    + "': a value takes only one time modifier");
        }
        BigDecimal number = Numbers.of(value);
        if (number == null) {
            if (value instanceof Value.Str s && !s.transformed()) {
                throw ModifierException.atValue(IssueCode.INVALID_VALUE,
                        "'" + name() + "' needs an integer, not '" + s.raw() + "'");
            }
            throw notApplicable(value, "integers");
        }
        BigDecimal integer;
        try {
            integer = new BigDecimal(number.toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw ModifierException.atValue(IssueCode.INVALID_VALUE,
                    "'" + name() + "' needs an integer, not " + number.toPlainString());
        }
        return new Value.TimePart(unit, new Value.Num(integer, integer.toPlainString()));
    }

    /** Inclusive range of the part, or {@code null} for years. */
    static int[] range(TimeUnit unit) {
        return switch (unit) {
            case MINUTE -> new int[] {0, 59};
            case HOUR -> new int[] {0, 23};
            case DAY -> new int[] {1, 31};
            case WEEK -> new int[] {1, 53};
            case MONTH -> new int[] {1, 12};
            case YEAR -> null;
        };
    }
}
