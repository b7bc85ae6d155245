package dev.edr.dsl.internal.yaml;

import java.math.BigInteger;

/**
 * Resolves plain scalars by the YAML 1.2 core schema (not 1.1: {@code yes}, {@code on} and dates stay
 * strings, which is what Sigma rule authors expect of {@code date: 2024-01-01}). The schema's regular expressions
 * are matched by hand: every key and most values of every file pass through here.
 */
final class ScalarResolver {
    private ScalarResolver() {}

    /** The core-schema value of a plain scalar: null, Boolean, Long, BigInteger, Double or the text itself. */
    static Object resolvePlain(String text) {
        if (text.length() > 64) {
            return text; // no number or keyword is that long
        }
        switch (text) {
            case "", "~", "null", "Null", "NULL" -> {
                return null;
            }
            case "true", "True", "TRUE" -> {
                return Boolean.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return Boolean.FALSE;
            }
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf", "-.Inf", "-.INF" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case ".nan", ".NaN", ".NAN" -> {
                return Double.NaN;
            }
            default -> {
                // a number, or the text itself
            }
        }
        char first = text.charAt(0);
        if (!(first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.')) {
            return text;
        }
        if (isDecimal(text)) return integer(first == '+' ? text.substring(1) : text, 10);
        if (text.length() > 2 && text.startsWith("0o") && digits(text, 2, 8)) return integer(text.substring(2), 8);
        if (text.length() > 2 && text.startsWith("0x") && digits(text, 2, 16)) return integer(text.substring(2), 16);
        if (isFloat(text)) return Double.valueOf(text);
        return text;
    }

    /** {@code [-+]?[0-9]+} */
    static boolean isDecimal(String s) {
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        return i < s.length() && digits(s, i, 10);
    }

    /** {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?} */
    static boolean isFloat(String s) {
        int n = s.length();
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        int intDigits = run(s, i);
        i += intDigits;
        if (i < n && s.charAt(i) == '.') {
            int fraction = run(s, i + 1);
            if (intDigits == 0 && fraction == 0) return false;
            i += 1 + fraction;
        } else if (intDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
            int exponent = run(s, i);
            if (exponent == 0) return false;
            i += exponent;
        }
        return i == n;
    }

    /** The number of ASCII digits from {@code i}. */
    private static int run(String s, int i) {
        int j = i;
        while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') j++;
        return j - i;
    }

    /** Whether {@code s} from {@code i} to its end is all digits of {@code radix} (ASCII only). */
    private static boolean digits(String s, int i, int radix) {
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F'
                    ? c - 'A' + 10 : 99;
            if (d >= radix) return false;
        }
        return true;
    }

    private static Object integer(String digits, int radix) {
        BigInteger big = new BigInteger(digits, radix);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
}
