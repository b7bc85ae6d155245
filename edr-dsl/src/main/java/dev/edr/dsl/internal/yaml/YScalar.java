package dev.edr.dsl.internal.yaml;

import dev.edr.core.diag.SourceLocation;

/**
 * A scalar. {@code text} is the scalar's string content (after YAML unquoting); {@code value} is its resolved
 * plain value under the YAML 1.2 core schema: String, Long, java.math.BigInteger, Double, Boolean or
 * {@code null} (quoted scalars are always strings).
 */
public record YScalar(String text, Object value, Style style, SourceLocation location) implements YNode {
    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }

    public boolean isNull() {
        return value == null;
    }

    public boolean isString() {
        return value instanceof String;
    }

    /** Offset from {@link #location()} to the first character of the content on the same line. */
    public int contentColumnOffset() {
        return style == Style.SINGLE_QUOTED || style == Style.DOUBLE_QUOTED ? 1 : 0;
    }
}
