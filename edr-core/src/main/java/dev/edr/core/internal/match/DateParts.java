package dev.edr.core.internal.match;

import dev.edr.core.rule.ValueMatch.TimeUnit;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/**
 * Reads the ISO-8601-like timestamps found in event logs ({@code 2019-08-14 14:06:44.495674},
 * {@code 2025-11-27T07:40:10.132Z}, {@code 2025-11-27T09:40:10+02:00}, {@code 2025-11-27}) and extracts one
 * part in UTC. A timestamp without an offset is taken as UTC. {@code week} is the ISO-8601 week of the
 * week-based year (1..53), {@code day} the day of the month. Anything else is not a date and never matches.
 */
final class DateParts {
    private DateParts() {}

    /** The part of the date, or {@code null} when {@code s} is not a timestamp of the accepted shapes. */
    static Long extract(String s, TimeUnit unit) {
        LocalDateTime utc = parseUtc(s);
        if (utc == null) {
            return null;
        }
        return switch (unit) {
            case MINUTE -> (long) utc.getMinute();
            case HOUR -> (long) utc.getHour();
            case DAY -> (long) utc.getDayOfMonth();
            case WEEK -> (long) utc.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> (long) utc.getMonthValue();
            case YEAR -> (long) utc.getYear();
        };
    }

    static LocalDateTime parseUtc(String s) {
        if (s.length() < 10 || s.length() > 64) {
            return null;
        }
        Cursor c = new Cursor(s);
        int year = c.digits(4);
        if (year < 0 || !c.take('-')) return null;
        int month = c.digits(2);
        if (month < 0 || !c.take('-')) return null;
        int day = c.digits(2);
        if (day < 0) return null;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        if (c.take('T') || c.take('t') || c.take(' ')) {
            hour = c.digits(2);
            if (hour < 0 || !c.take(':')) return null;
            minute = c.digits(2);
            if (minute < 0) return null;
            if (c.take(':')) {
                second = c.digits(2);
                if (second < 0) return null;
                if (c.take('.') || c.take(',')) {
                    nanos = c.fraction();
                    if (nanos < 0) return null;
                }
            }
        }
        int offsetSeconds = 0;
        if (c.take('Z') || c.take('z')) {
            offsetSeconds = 0;
        } else if (c.peek('+') || c.peek('-')) {
            int sign = c.take('-') ? -1 : 1;
            c.take('+');
            int oh = c.digits(2);
            if (oh < 0) return null;
            int om = 0;
            if (c.take(':') || !c.atEnd()) {
                om = c.digits(2);
                if (om < 0) return null;
            }
            if (oh > 18 || om > 59) return null;
            offsetSeconds = sign * (oh * 3600 + om * 60);
        }
        if (!c.atEnd()) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nanos));
            return local.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds)).withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
        } catch (DateTimeException e) {
            return null; // 2019-02-30, 25:00 and the like
        }
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i == s.length();
        }

        boolean peek(char ch) {
            return i < s.length() && s.charAt(i) == ch;
        }

        boolean take(char ch) {
            if (peek(ch)) {
                i++;
                return true;
            }
            return false;
        }

        /** Exactly {@code n} ASCII digits as a number, or -1. */
        int digits(int n) {
            if (i + n > s.length()) return -1;
            int v = 0;
            for (int k = 0; k < n; k++) {
                char ch = s.charAt(i + k);
                if (ch < '0' || ch > '9') return -1;
                v = v * 10 + (ch - '0');
            }
            i += n;
            return v;
        }

        /** 1 to 9 fraction digits as nanoseconds (more digits are read and truncated), or -1. */
        int fraction() {
            int start = i;
            int v = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 9) v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            int n = i - start;
            if (n == 0) return -1;
            for (int k = n; k < 9; k++) v *= 10;
            return v;
        }
    }
}
