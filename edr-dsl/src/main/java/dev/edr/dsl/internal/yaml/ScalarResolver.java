package dev.edr.dsl.internal.yaml;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Resolves plain scalars by the YAML 1.2 core schema (not 1.1: {@code yes}, {@code on} and dates stay
 * strings, which is what Sigma rule authors expect of {@code date: 2024-01-01}).
 */
final class ScalarResolver {
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?(\\.inf|\\.Inf|\\.INF)");
    private static final Pattern NAN = Pattern.compile("\\.nan|\\.NaN|\\.NAN");

    private ScalarResolver() {}

    /** The core-schema value of a plain scalar: null, Boolean, Long, BigInteger, Double or the text itself. */
    static Object resolvePlain(String text) {
        if (text.length() > 64) {
            return text; // no number or keyword is that long; skip the regexes on big values
        }
        if (!text.isEmpty() && !mayResolve(text.charAt(0))) {
            return text; // most scalars are words, paths or command lines: skip the nine regexes
        }
        if (NULL.matcher(text).matches()) return null;
        if (TRUE.matcher(text).matches()) return Boolean.TRUE;
        if (FALSE.matcher(text).matches()) return Boolean.FALSE;
        if (DECIMAL.matcher(text).matches()) return integer(text.startsWith("+") ? text.substring(1) : text, 10);
        if (OCTAL.matcher(text).matches()) return integer(text.substring(2), 8);
        if (HEX.matcher(text).matches()) return integer(text.substring(2), 16);
        if (FLOAT.matcher(text).matches()) return Double.valueOf(text);
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (NAN.matcher(text).matches()) return Double.NaN;
        return text;
    }

    /** Whether a scalar starting with {@code c} may be anything but a string under the core schema. */
    private static boolean mayResolve(char c) {
        return c == '~' || c == 'n' || c == 'N' || c == 't' || c == 'T' || c == 'f' || c == 'F'
                || c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9');
    }

    private static Object integer(String digits, int radix) {
        BigInteger big = new BigInteger(digits, radix);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
}
