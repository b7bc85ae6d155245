package dev.edr.core.internal.correlation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * How correlations read event values. Group keys and distinct values compare as case-insensitive strings
 * (DESIGN.md: values compare as case-insensitive strings; numbers as their decimal text). Numbers for the
 * sum, average and percentile types are numbers or numeric strings of bounded size, so that exact
 * {@link BigDecimal} arithmetic stays cheap whatever an event holds.
 */
final class Values {
    private static final int MAX_DIGITS = 30;

    private Values() {}

    /** The comparison text of a value; {@code null} for absent or null values. */
    static String text(Object v) {
        if (v == null) return null;
        if (v instanceof String s) return s.toLowerCase(Locale.ROOT);
        if (v instanceof Double d) {
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                    : d.toString();
        }
        if (v instanceof Float f) return text(f.doubleValue());
        if (v instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
        return String.valueOf(v).toLowerCase(Locale.ROOT);
    }

    /** The value as a number, or {@code null} when it is not one (or too large to be a plausible measure). */
    static BigDecimal number(Object v) {
        BigDecimal b;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger i) {
            b = new BigDecimal(i);
        } else if (v instanceof BigDecimal d) {
            b = d;
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) return null;
            b = BigDecimal.valueOf(d);
        } else if (v instanceof String s) {
            String t = s.strip();
            if (t.isEmpty() || t.length() > 2 * MAX_DIGITS + 2) return null;
            try {
                b = new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        b = b.stripTrailingZeros();
        boolean bounded = b.scale() <= MAX_DIGITS && b.precision() - b.scale() <= MAX_DIGITS;
        return bounded ? b : null;
    }
}
