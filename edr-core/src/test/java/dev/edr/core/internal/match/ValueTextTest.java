package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    @Test
    void numbersPrintAsDecimalStrings() {
        assertThat(ValueText.text(4688L)).isEqualTo("4688");
        assertThat(ValueText.text(7)).isEqualTo("7");
        assertThat(ValueText.text(4688.0)).isEqualTo("4688");
        assertThat(ValueText.text(-0.0)).isEqualTo("0");
        assertThat(ValueText.text(1.5)).isEqualTo("1.5");
        assertThat(ValueText.text(0.1f)).isEqualTo("0.1");
        assertThat(ValueText.text(1e20)).isEqualTo("100000000000000000000");
        assertThat(ValueText.text(Double.NaN)).isEqualTo("NaN");
        assertThat(ValueText.text(new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(ValueText.text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ValueText.text(new BigDecimal("1E+100000"))).isEqualTo("1E+100000");
        assertThat(ValueText.text(new BigInteger("123456789012345678901234567890")))
                .isEqualTo("123456789012345678901234567890");
    }

    @Test
    void booleansPrintLowerCaseAndContainersHaveNoText() {
        assertThat(ValueText.text(true)).isEqualTo("true");
        assertThat(ValueText.text(List.of("a"))).isNull();
        assertThat(ValueText.text(Map.of())).isNull();
        assertThat(ValueText.text(null)).isNull();
    }

    @Test
    void numericStringsParseAsDecimalOnly() {
        assertThat(ValueText.number("42")).isEqualByComparingTo("42");
        assertThat(ValueText.number("-3.5")).isEqualByComparingTo("-3.5");
        assertThat(ValueText.number("+1e3")).isEqualByComparingTo("1000");
        assertThat(ValueText.number(".5")).isEqualByComparingTo("0.5");
        assertThat(ValueText.number("0x10")).isNull();
        assertThat(ValueText.number(" 42")).isNull();
        assertThat(ValueText.number("4 2")).isNull();
        assertThat(ValueText.number("NaN")).isNull();
        assertThat(ValueText.number("1e")).isNull();
        assertThat(ValueText.number("\u0661")).isNull(); // Arabic-Indic digit one
        assertThat(ValueText.number("1e99999999999")).isNull();
        assertThat(ValueText.number("9".repeat(500))).isNull();
        assertThat(ValueText.number(Double.POSITIVE_INFINITY)).isNull();
        assertThat(ValueText.number(true)).isNull();
        assertThat(ValueText.number(2.5)).isEqualByComparingTo("2.5");
    }
}
