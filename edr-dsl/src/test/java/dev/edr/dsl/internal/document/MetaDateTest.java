package dev.edr.dsl.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** Rule dates are checked without the java.time parser; the verdict must be the parser's. */
class MetaDateTest {

    private static boolean parses(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void acceptsExactlyTheDatesTheIsoParserAccepts() {
        for (int year : new int[] {0, 1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    String s = String.format("%04d-%02d-%02d", year, month, day);
                    assertThat(MetaReader.isDate(s)).as(s).isEqualTo(parses(s));
                }
            }
        }
        for (String s : new String[] {"2023-1-01", "2023/01/01", "20230101", "2023-01-01 ", "+2023-01-01", "١٢٣٤-01-01"}) {
            assertThat(MetaReader.isDate(s)).as(s).isFalse();
        }
    }
}
