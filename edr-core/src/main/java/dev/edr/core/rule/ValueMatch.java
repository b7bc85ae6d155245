package dev.edr.core.rule;

import java.math.BigDecimal;
import java.util.List;

/**
 * One value test on one field value, with all Sigma modifiers already applied by the loader (contains,
 * startswith, endswith, windash, base64, base64offset, utf16*, wide become {@link StringMatch} globs or
 * {@link AnyOf} expansions). The engine turns each into a precompiled matcher.
 */
public sealed interface ValueMatch {
    /** Glob comparison; case-insensitive unless {@code cased}. Numbers in events compare as decimal strings. */
    record StringMatch(Glob glob, boolean cased) implements ValueMatch {}

    /** RE2J search (unanchored), case-sensitive unless {@code ignoreCase}. */
    record RegexMatch(String pattern, boolean ignoreCase, boolean multiline, boolean dotAll) implements ValueMatch {}

    /** Numeric comparison ({@code lt lte gt gte}); non-numeric field values never match. */
    record NumberCompare(Comparison op, BigDecimal value) implements ValueMatch {}

    /** The field value is an IP address inside {@code cidr} (IPv4 or IPv6). */
    record CidrMatch(String cidr) implements ValueMatch {}

    /** {@code exists: true/false}: the field is present (whatever its value) or absent. */
    record Exists(boolean present) implements ValueMatch {}

    /** {@code null}: the field is absent or JSON null. */
    record IsNull() implements ValueMatch {}

    /** A Sigma boolean value: matches a JSON boolean, or the strings "true"/"false" case-insensitively. */
    record BoolMatch(boolean value) implements ValueMatch {}

    /** {@code fieldref}: compares against the value of another field of the same event. */
    record FieldRef(String otherField, Position position, boolean cased) implements ValueMatch {}

    /** Time modifiers: extract a part of a date value and test it with {@code inner}. */
    record TimePart(TimeUnit unit, ValueMatch inner) implements ValueMatch {}

    /** Alternatives produced by one rule value (windash, base64offset): any may match. */
    record AnyOf(List<ValueMatch> alternatives) implements ValueMatch {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** A placeholder ({@code expand}) left unresolved; rejected as unsupported unless a pipeline resolves it. */
    record Placeholder(String name) implements ValueMatch {}

    enum Comparison { LT, LTE, GT, GTE }

    enum Position { EQUALS, STARTSWITH, ENDSWITH, CONTAINS }

    enum TimeUnit { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }
}
