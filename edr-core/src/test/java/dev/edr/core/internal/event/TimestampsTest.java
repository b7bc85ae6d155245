package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void usualShapes() {
        assertThat(Timestamps.parse("2019-08-14 14:06:44.495674")).isEqualTo(Instant.parse("2019-08-14T14:06:44.495674Z"));
        assertThat(Timestamps.parse("2019-08-14T14:06:44Z")).isEqualTo(Instant.parse("2019-08-14T14:06:44Z"));
        assertThat(Timestamps.parse(" 2019-08-14T14:06:44.1234567890Z")).isNull(); // ten fraction digits
        assertThat(Timestamps.parse("2019-08-14T14:06:44.123+02:00")).isEqualTo(Instant.parse("2019-08-14T12:06:44.123Z"));
        assertThat(Timestamps.parse("2019-02-29 00:00:00")).isNull();
        assertThat(Timestamps.parse("2020-02-29 23:59:59.9z")).isEqualTo(Instant.parse("2020-02-29T23:59:59.9Z"));
        assertThat(Timestamps.parse("2019-08-14 24:00:00")).isNull();
        assertThat(Timestamps.parse("2019-08-14 14:06:44.")).isEqualTo(Instant.parse("2019-08-14T14:06:44Z")); // as java.time
        assertThat(Timestamps.parse(1565791604L)).isNull();
    }

    /** The direct reader agrees with java.time on every string, valid or not, built from timestamp pieces. */
    @Test
    void agreesWithJavaTimeOnGeneratedStrings() {
        Random random = new Random(7);
        String[] pieces = {"0", "1", "2", "9", "-", ":", ".", " ", "T", "Z", "z", "+", "+02:00", "-05:30", "x"};
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02d%s%02d:%02d:%02d",
                    random.nextInt(10000), random.nextInt(14), random.nextInt(33), random.nextBoolean() ? " " : "T",
                    random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            if (random.nextBoolean()) b.append('.').append(String.valueOf(random.nextLong() & Long.MAX_VALUE), 0,
                    random.nextInt(11));
            int extra = random.nextInt(3);
            for (int k = 0; k < extra; k++) b.append(pieces[random.nextInt(pieces.length)]);
            if (random.nextInt(20) == 0) b.setCharAt(random.nextInt(b.length()), pieces[random.nextInt(pieces.length)].charAt(0));
            String s = b.toString();
            assertThat(Timestamps.parse(s)).as(s).isEqualTo(reference(s));
        }
    }

    /** What Timestamps did before it had a direct reader: java.time alone. */
    private static Instant reference(String value) {
        String s = value.strip();
        if (s.length() < 10 || s.length() > 64) return null;
        if (s.length() > 10 && s.charAt(10) == ' ') s = s.substring(0, 10) + 'T' + s.substring(11);
        try {
            if (s.endsWith("Z") || s.endsWith("z")) {
                return OffsetDateTime.parse(s.substring(0, s.length() - 1) + "Z").toInstant();
            }
            int t = s.indexOf('T');
            if (t > 0 && (s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0)) return OffsetDateTime.parse(s).toInstant();
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
