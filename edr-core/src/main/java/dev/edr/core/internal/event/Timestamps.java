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
        Instant fast = fast(s);
        if (fast != null) {
            return fast;
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

    /**
     * The usual shapes, {@code yyyy-MM-dd HH:mm:ss[.f{1,9}][Z]} (either separator), read directly: the
     * {@code java.time} parsers cost about a microsecond per event. {@code null} for anything else, which the
     * general path then decides, so this never accepts what that path would refuse.
     */
    private static Instant fast(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i++) - '0');
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) nanos *= 10;
        }
        if (i < n && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            i++;
        }
        if (i != n) {
            return null; // an offset, more digits, anything else: the general path
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean hasOffset(String s) {
        int t = s.indexOf('T');
        return t > 0 && (s.indexOf('+', t) > 0 || s.indexOf('-', t) > 0);
    }
}
