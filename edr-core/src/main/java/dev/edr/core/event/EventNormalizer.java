package dev.edr.core.event;

import java.util.Map;

/**
 * Turns one raw record (plain JSON-like Java values, as {@link EventReader} produces them) into a normalized
 * {@link Event}. Implementations are immutable and thread-safe, and never throw for any record of plain values:
 * what they do not recognize they pass through as fields.
 */
@FunctionalInterface
public interface EventNormalizer {
    Event normalize(Map<String, Object> record);
}
