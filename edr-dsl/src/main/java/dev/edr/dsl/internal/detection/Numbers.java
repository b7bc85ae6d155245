package dev.edr.dsl.internal.detection;

import java.math.BigDecimal;

/** Numbers in rule values: YAML numbers, or strings whose whole text is a decimal number. */
final class Numbers {
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[-+]?\\d{1,300}(\\.\\d{1,300})?([eE][-+]?\\d{1,4})?");

    private Numbers() {}

    /** The number a value denotes, or {@code null} when it is not a number. */
    static BigDecimal of(Value value) {
        if (value instanceof Value.Num n) {
            return n.value();
        }
        if (value instanceof Value.Str s && !s.transformed() && DECIMAL.matcher(s.raw().strip()).matches()) {
            return new BigDecimal(s.raw().strip());
        }
        return null;
    }

    /** A YAML float as its decimal string: the source text when it is plain decimal, else the canonical form. */
    static String decimalText(double d, String sourceText) {
        if (sourceText != null && DECIMAL.matcher(sourceText).matches()) {
            return sourceText;
        }
        return BigDecimal.valueOf(d).toPlainString();
    }
}
