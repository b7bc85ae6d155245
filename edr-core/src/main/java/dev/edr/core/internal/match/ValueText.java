package dev.edr.core.internal.match;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How event values become text and numbers (DESIGN.md: values compare as case-insensitive strings, numbers as
 * their decimal string).
 * <ul>
 * <li>Integers (Long, Integer, Short, Byte, BigInteger) print in decimal: {@code 4688 -> "4688"}.</li>
 * <li>Double and Float print as the shortest decimal that round-trips, in plain notation and without a
 * trailing {@code .0}: {@code 4688.0 -> "4688"}, {@code 1.5 -> "1.5"}, {@code 1e20 -> "100000000000000000000"}
 * (so a JSON reader that yields a Double for an integral value still matches the rule value). NaN and the
 * infinities print as {@code NaN}, {@code Infinity}, {@code -Infinity}.</li>
 * <li>BigDecimal keeps its scale as written ({@code 1.50 -> "1.50"}), plain unless its exponent is extreme.</li>
 * <li>Booleans print as {@code true}/{@code false}.</li>
 * </ul>
 * Numeric comparisons accept numbers and strings in plain decimal notation with an optional sign, fraction
 * and exponent ({@code -12}, {@code 3.5}, {@code 1e3}); ASCII digits only, no surrounding blanks, no hex:
 * Sigma's numeric modifiers take decimal values, and a hex-looking string is treated as text.
 */
public final class ValueText {
    /** Longer numeric strings are not parsed: bounds the cost of comparing huge exponents. */
    static final int MAX_NUMBER_LENGTH = 400;
    private static final int MAX_PLAIN_SCALE = 1000;

    private ValueText() {}

    /** The text form of a scalar, or {@code null} for null, maps, lists and other non-scalars. */
    public static String text(Object v) {
        if (v instanceof String s) return s;
        if (v instanceof Boolean b) return b ? "true" : "false";
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Double d) return floating(d, Double.toString(d));
        if (v instanceof Float f) return floating(f, Float.toString(f));
        if (v instanceof BigDecimal d) return plain(d);
        if (v instanceof Number n) return n.toString();
        return null;
    }

    private static String floating(double d, String shortest) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return shortest;
        }
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }

    private static String plain(BigDecimal d) {
        return Math.abs((long) d.scale()) <= MAX_PLAIN_SCALE ? d.toPlainString() : d.toString();
    }

    /** The numeric value of a number or numeric string, or {@code null}. */
    public static BigDecimal number(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) return new BigDecimal(i);
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(text(v));
        }
        if (v instanceof String s) return parseDecimal(s);
        return null;
    }

    /** Parses {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}, else {@code null}. */
    static BigDecimal parseDecimal(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_NUMBER_LENGTH) {
            return null;
        }
        int i = 0;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; intDigits++; }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; fracDigits++; }
        }
        if (intDigits + fracDigits == 0) {
            return null;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; expDigits++; }
            if (expDigits == 0) {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            return null; // exponent out of int range
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
