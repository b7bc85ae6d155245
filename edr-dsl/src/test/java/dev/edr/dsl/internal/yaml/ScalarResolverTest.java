package dev.edr.dsl.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written resolution must be the core schema's regular expressions, tried in the schema's order. */
class ScalarResolverTest {
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?(\\.inf|\\.Inf|\\.INF)");
    private static final Pattern NAN = Pattern.compile("\\.nan|\\.NaN|\\.NAN");

    /** The resolution as the regular expressions give it. */
    private static Object reference(String text) {
        if (text.length() > 64) return text;
        if (NULL.matcher(text).matches()) return null;
        if (TRUE.matcher(text).matches()) return Boolean.TRUE;
        if (FALSE.matcher(text).matches()) return Boolean.FALSE;
        if (DECIMAL.matcher(text).matches()) return integer(text.startsWith("+") ? text.substring(1) : text, 10);
        if (OCTAL.matcher(text).matches()) return integer(text.substring(2), 8);
        if (HEX.matcher(text).matches()) return integer(text.substring(2), 16);
        if (FLOAT.matcher(text).matches()) return Double.valueOf(text);
        if (INFINITY.matcher(text).matches()) return text.startsWith("-") ? Double.NEGATIVE_INFINITY
                : Double.POSITIVE_INFINITY;
        if (NAN.matcher(text).matches()) return Double.NaN;
        return text;
    }

    private static Object integer(String digits, int radix) {
        BigInteger big = new BigInteger(digits, radix);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    @Test
    void resolvesEveryShortTextAsTheSchemaExpressionsDo() {
        String alphabet = "0179aefoxAEFOX.+-~ nNtTiIl";
        List<String> texts = new ArrayList<>(List.of("", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE",
                "false", "False", "FALSE", ".inf", "-.Inf", "+.INF", ".iNf", ".nan", ".NaN", ".NAN", "-.nan", "0o17",
                "0o8", "0x1F", "0xfg", "0X1F", "1e5", "1E+5", ".5e-3", "5.", "-.e1", "99999999999999999999",
                "-9223372036854775808", "9223372036854775808", "0x" + "f".repeat(20), "1".repeat(64), "1".repeat(65),
                "１２", "٣", "2024-01-01", "1_000"));
        // every string of up to 4 characters over the alphabet, and random longer ones
        List<String> level = List.of("");
        for (int len = 1; len <= 4; len++) {
            List<String> next = new ArrayList<>();
            for (String prefix : level) {
                for (char c : alphabet.toCharArray()) next.add(prefix + c);
            }
            texts.addAll(next);
            level = next;
        }
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = 5 + random.nextInt(10); k > 0; k--) s.append(alphabet.charAt(random.nextInt(12)));
            texts.add(s.toString());
        }
        for (String t : texts) {
            Object expected = reference(t);
            Object actual = ScalarResolver.resolvePlain(t);
            assertThat(actual).as("'%s'", t).isEqualTo(expected);
            if (expected != null) assertThat(actual.getClass()).as("'%s'", t).isEqualTo(expected.getClass());
        }
    }
}
