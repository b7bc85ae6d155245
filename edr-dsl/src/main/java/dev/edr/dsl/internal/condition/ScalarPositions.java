package dev.edr.dsl.internal.condition;

import dev.edr.core.diag.SourceLocation;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YScalar;

/**
 * Maps code point offsets in a scalar's text back to line and column in the YAML file.
 *
 * <p>YAML unquoting and line folding mean the text is not a verbatim slice of the file, so the text is aligned
 * against the source lines: whitespace, line breaks, block headers and quote escapes in the source may be skipped,
 * every other character must match. When the alignment fails (no source text, an escape we cannot follow, a line the
 * diagnostics truncated), offsets fall back to "same line as the scalar start", which is exact for the single-line
 * scalars that make up nearly all conditions.
 */
final class ScalarPositions {
    private final SourceLocation contentStart;
    private final int textLength;
    private final int[] lines;
    private final int[] columns;

    private ScalarPositions(SourceLocation contentStart, int textLength, int[] lines, int[] columns) {
        this.contentStart = contentStart;
        this.textLength = textLength;
        this.lines = lines;
        this.columns = columns;
    }

    static ScalarPositions of(YScalar scalar, Diagnostics diag) {
        SourceLocation start = scalar.location();
        SourceLocation contentStart = start.shift(0, scalar.contentColumnOffset());
        int[] text = scalar.text().codePoints().toArray();
        int[] lines = new int[text.length];
        int[] columns = new int[text.length];
        boolean aligned = align(scalar, text, diag, lines, columns);
        return aligned ? new ScalarPositions(contentStart, text.length, lines, columns)
                : new ScalarPositions(contentStart, text.length, null, null);
    }

    /** Location of the code point at {@code offset}; {@code offset == length} means just after the text. */
    SourceLocation at(int offset) {
        if (lines == null || textLength == 0) {
            return contentStart.shift(0, Math.max(0, offset));
        }
        if (offset < textLength) {
            return new SourceLocation(contentStart.source(), lines[Math.max(0, offset)], columns[Math.max(0, offset)]);
        }
        return new SourceLocation(contentStart.source(), lines[textLength - 1], columns[textLength - 1] + 1);
    }

    private static boolean align(YScalar scalar, int[] text, Diagnostics diag, int[] lines, int[] columns) {
        YScalar.Style style = scalar.style();
        int line = scalar.location().line();
        int index = scalar.location().column() - 1 + scalar.contentColumnOffset();
        if (style == YScalar.Style.LITERAL || style == YScalar.Style.FOLDED) {
            // Block content starts on the line after the '|' or '>' header.
            line++;
            index = 0;
        }
        int[] source = codePoints(diag, line);
        int lineBudget = text.length + 2;
        for (int i = 0; i < text.length; i++) {
            int wanted = text[i];
            while (true) {
                if (index < source.length && source[index] == wanted) {
                    lines[i] = line;
                    columns[i] = index + 1;
                    index++;
                    break;
                }
                if (index >= source.length) {
                    boolean foldedBreak = wanted == ' ' || wanted == '\n';
                    if (foldedBreak) {
                        lines[i] = line;
                        columns[i] = index + 1;
                    }
                    if (--lineBudget < 0) {
                        return false;
                    }
                    line++;
                    index = 0;
                    source = codePoints(diag, line);
                    if (foldedBreak) {
                        break;
                    }
                    continue;
                }
                if (!skippable(source[index], style)) {
                    return false;
                }
                index++;
            }
        }
        return true;
    }

    private static boolean skippable(int sourceChar, YScalar.Style style) {
        return sourceChar == ' ' || sourceChar == '\t'
                || sourceChar == '\'' && style == YScalar.Style.SINGLE_QUOTED
                || sourceChar == '\\' && style == YScalar.Style.DOUBLE_QUOTED;
    }

    private static int[] codePoints(Diagnostics diag, int line) {
        return diag.lineText(line).codePoints().toArray();
    }
}
