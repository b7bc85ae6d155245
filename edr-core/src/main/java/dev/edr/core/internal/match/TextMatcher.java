package dev.edr.core.internal.match;

/**
 * A precompiled test of one text value. For case-insensitive matchers the caller passes the value already
 * lower-cased with {@code toLowerCase(Locale.ROOT)}, so each event value is lowered once per event, not once
 * per rule value.
 */
@FunctionalInterface
public interface TextMatcher {
    boolean matches(String text);
}
