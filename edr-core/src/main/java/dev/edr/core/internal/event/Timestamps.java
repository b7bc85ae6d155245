package dev.edr.core.internal.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Event timestamps as written by event log exporters. */
public final class Timestamps {
    private Timestamps() {}

    /**
     * ISO-8601 date-times with a {@code T} or a space between date and time, 0 to 9 fraction digits, and a
     * {@code Z} or an offset; without a zone the time is taken as UTC (Windows SystemTime is UTC, and evtx
     * exporters that drop the {@code Z} do not convert it). Anything else, including numbers, gives {@code null}.
     */
    public static Instant parse(Object value) {
        if (!(value instanceof String)) {
            return null;
        }
        String s = ((String) value).strip();
        if (s.length() < 10 || s.length() > 64) {
            return null;
        }
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            if (s.endsWith("Z") || s.endsWith("z")) {
                return OffsetDateTime.parse(s.substring(0, s.length() - 1) + "Z").toInstant();
            }
            if (hasOffset(s)) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean hasOffset(String s) {
        int t = s.indexOf('T');
        return t > 0 && (s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
    }
}
