package dev.edr.core.event;

import java.util.Map;
import java.util.Objects;

/**
 * One raw record read from an event source, before normalization.
 *
 * @param source the file (as given or found below a given directory) or the caller-given source name
 * @param index 0-based position of the record in its source. Every record attempt counts, including bad ones
 *     that were reported and skipped, so a good record keeps the same index whether or not its neighbours are
 *     malformed; it is the {@code source.index} of the {@code edr scan} output
 * @param line 1-based line where the record starts
 * @param json the record as plain Java values: {@code LinkedHashMap} in file order, {@code ArrayList}, String,
 *     Long, BigInteger, Double, BigDecimal, Boolean or {@code null}; unmodifiable
 * @param truncated whether a string field was longer than {@link EventReader.Limits#maxFieldChars()} and was
 *     cut to it (the record is still evaluated; outputs mark it)
 */
public record EventRecord(String source, long index, long line, Map<String, Object> json, boolean truncated) {
    public EventRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(json, "json");
        if (index < 0 || line < 1) {
            throw new IllegalArgumentException("index must be >= 0 and line >= 1: " + index + ", " + line);
        }
    }

    /** A record read whole. */
    public EventRecord(String source, long index, long line, Map<String, Object> json) {
        this(source, index, line, json, false);
    }
}
