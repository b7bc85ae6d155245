package dev.edr.core.engine;

/**
 * Where an event came from: its file (or stream name; {@code null} when unknown) and its 0-based record index
 * there. Sessions use it to name the events that contributed to a correlation.
 */
public record EventRef(String file, long index) {
    public EventRef {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
    }
}
