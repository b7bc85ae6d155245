package dev.edr.core.diag;

import java.util.Objects;

/** A 1-based position in a source (a rule file, an events file). Column 0 means "whole line". */
public record SourceLocation(String source, int line, int column) {
    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, 0);

    public SourceLocation {
        Objects.requireNonNull(source, "source");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0: " + line + ":" + column);
        }
    }

    public static SourceLocation of(String source, int line, int column) {
        return new SourceLocation(source, line, column);
    }

    /** This location moved right by {@code columns} on the same line (for positions inside a scalar). */
    public SourceLocation shift(int lines, int columns) {
        return new SourceLocation(source, line + lines, lines == 0 ? column + columns : columns);
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
