package dev.edr.core.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.rule.ValueMatch.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatePartsTest {
    @ParameterizedTest(name = "{1} of {0} = {2}")
    @CsvSource({
            "2019-08-14 14:06:44.495674, MINUTE, 6",
            "2019-08-14 14:06:44.495674, HOUR, 14",
            "2019-08-14 14:06:44.495674, DAY, 14",
            "2019-08-14 14:06:44.495674, MONTH, 8",
            "2019-08-14 14:06:44.495674, YEAR, 2019",
            "2019-08-14 14:06:44.495674, WEEK, 33",
            "2025-11-27T07:40:10.132Z, HOUR, 7",
            "2025-11-27T07:40:10.132Z, WEEK, 48",
            "2025-11-27T01:40:10+02:00, HOUR, 23",
            "2025-11-27T01:40:10+02:00, DAY, 26",
            "2025-11-27T23:40-0130, DAY, 28",
            "2025-11-27, HOUR, 0",
            "2021-01-03T12:00:00Z, WEEK, 53",
    })
    void extractsPartsInUtc(String date, TimeUnit unit, long expected) {
        assertThat(DateParts.extract(date, unit)).isEqualTo(expected);
    }

    @Test
    void rejectsNonDates() {
        assertThat(DateParts.extract("2019-02-30 10:00:00", TimeUnit.DAY)).isNull();
        assertThat(DateParts.extract("14:06:44", TimeUnit.HOUR)).isNull();
        assertThat(DateParts.extract("2019/08/14", TimeUnit.DAY)).isNull();
        assertThat(DateParts.extract("2019-08-14 25:00", TimeUnit.HOUR)).isNull();
        assertThat(DateParts.extract("2019-08-14T10:00:00 trailing", TimeUnit.HOUR)).isNull();
        assertThat(DateParts.extract("yesterday", TimeUnit.DAY)).isNull();
    }
}
