package dev.edr.dsl.internal.yaml;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;

/** The text {@link BlockSubset} reads, by line, with the character tests and marks it needs. */
final class SubsetText {
    private static final int[] NO_BUFFER = new int[0];

    final String text;
    /** The number of lines. */
    final int lines;
    private final String label;
    /** Start offset of each line; a final entry one past the end. */
    private final int[] lineStart;
    /** Marks count code points: with characters outside the BMP, columns and offsets differ from char counts. */
    private final boolean supplementary;
    /** Code points before each line, when {@link #supplementary}. */
    private int[] codePointsBefore;

    private SubsetText(String text, String label, int[] lineStart, int lines, boolean supplementary) {
        this.text = text;
        this.label = label;
        this.lineStart = lineStart;
        this.lines = lines;
        this.supplementary = supplementary;
    }

    /**
     * The text by line; null for texts with control characters other than tabs (which only comments may hold), lone
     * surrogates, non-characters or line breaks other than '\n'. What it accepts is all printable for YAML, so that a
     * reader need not check again. This loop runs apart from the parse so that a JIT compiling it does not take the
     * whole parser along.
     */
    static SubsetText of(String text, String label) {
        int count = latin1Lines(text);
        boolean pairs = false;
        if (count < 0) { // characters beyond Latin-1: test each as a char
            count = 1;
            for (int i = 0, n = text.length(); i < n; i++) {
                char c = text.charAt(i);
                if (c >= ' ' && c < '\u007F') {
                    continue;
                }
                if (c == '\n') {
                    count++;
                } else if (rejected(c)) {
                    return null;
                } else if (Character.isSurrogate(c)) {
                    if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                        return null;
                    }
                    pairs = true;
                    i++;
                }
            }
        } else if (count == 0) {
            return null;
        }
        int[] starts = new int[count + 1];
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts[n++] = i + 1;
        }
        starts[count] = text.length() + 1;
        return new SubsetText(text, label, starts, count, pairs);
    }

    /**
     * For a text of Latin-1 characters only (nearly every rule file): its number of lines, or 0 when it holds a
     * character the reader does not accept; -1 for any other text. The test reads the text's ISO-8859-1 bytes, one
     * native copy, rather than calling {@code charAt} per character: a cold compile runs this over every file while
     * the JIT compilers are backlogged, in the interpreter (JFR: every sample of the loop was interpreted), where
     * each call costs several times an array load. Encoding replaces other characters, and a surrogate pair with
     * one '?': a length that differs, or a '?' that is not one in the text, means a text for the char loop.
     */
    private static int latin1Lines(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length != text.length()) {
            return -1;
        }
        int count = 1;
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xFF;
            if (c >= ' ' && c < 0x7F && c != '?') {
                continue;
            }
            if (c == '?') {
                if (text.charAt(i) != '?') return -1;
            } else if (c == '\n') {
                count++;
            } else if (rejected((char) c)) {
                return 0;
            }
        }
        return count;
    }

    /** A character no reader of this subset accepts (control characters but tab and line feed, non-characters). */
    private static boolean rejected(char c) {
        return c < ' ' && c != '\t' && c != '\n' || c >= '\u007F' && c <= '\u009F' || c == '\u2028' || c == '\u2029'
                || c == '\uFEFF' || c >= '\uFFFE';
    }

    int start(int line) {
        return lineStart[line];
    }

    /** The offset of the line's end (its '\n' or the end of the text). */
    int end(int line) {
        return lineStart[line + 1] - 1;
    }

    /** Tabs are read only in comments; anywhere else snakeyaml's rules for them apply. */
    boolean hasTab(int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\t') return true;
        }
        return false;
    }

    int trimEnd(int from, int end) {
        while (end > from && text.charAt(end - 1) == ' ') end--;
        return end;
    }

    /** Whether {@code i} is a space, a line end or the end of the text. */
    boolean isBlankAt(int i) {
        return i >= text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\n';
    }

    boolean atLineEnd(int i) {
        return i >= text.length() || text.charAt(i) == '\n';
    }

    boolean isComment(int i) {
        return i < text.length() && text.charAt(i) == '#';
    }

    int skipSpaces(int i) {
        while (i < text.length() && text.charAt(i) == ' ') i++;
        return i;
    }

    boolean isBlankLine(int line) {
        return atLineEnd(skipSpaces(lineStart[line]));
    }

    int indent(int line) {
        return skipSpaces(lineStart[line]) - lineStart[line];
    }

    /** A snakeyaml mark: 0-based line, column and offset, counted in code points. */
    Optional<Mark> mark(int line, int column) {
        int start = lineStart[line];
        if (!supplementary) {
            return Optional.of(new Mark(label, start + column, line, column, NO_BUFFER, 0));
        }
        if (codePointsBefore == null) {
            codePointsBefore = new int[lines];
            for (int l = 1; l < lines; l++) {
                codePointsBefore[l] = codePointsBefore[l - 1] + text.codePointCount(lineStart[l - 1], lineStart[l]);
            }
        }
        int points = text.codePointCount(start, start + column);
        return Optional.of(new Mark(label, codePointsBefore[line] + points, line, points, NO_BUFFER, 0));
    }

    /** Whether a plain scalar may start at {@code at} (in block context) and is of the subset. */
    boolean plainStart(int at) {
        char c = text.charAt(at);
        return switch (c) {
            case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> false;
            case '-' -> !isBlankAt(at + 1) && !text.startsWith("---", at);
            case '?', ':' -> !isBlankAt(at + 1);
            default -> c > ' ';
        };
    }

    /** Whether the line holds a simple key at {@code at}: a quoted or plain scalar followed by ': ' on this line. */
    boolean looksLikeKey(int at) {
        char c = text.charAt(at);
        int stop = text.indexOf('\n', at);
        if (stop < 0) stop = text.length();
        if (c == '\'' || c == '"') {
            int q = at + 1;
            while (q < stop) {
                char ch = text.charAt(q);
                if (ch == '\\' && c == '"') {
                    q += 2;
                    continue;
                }
                if (ch == c) {
                    if (c == '\'' && q + 1 < stop && text.charAt(q + 1) == '\'') {
                        q += 2;
                        continue;
                    }
                    break;
                }
                q++;
            }
            return q + 1 < stop && text.charAt(q + 1) == ':' && isBlankAt(q + 2);
        }
        for (int i = at; i < stop; i++) {
            char ch = text.charAt(i);
            if (ch == '#' && i > at && text.charAt(i - 1) == ' ') return false;
            if (ch == ':' && isBlankAt(i + 1)) return true;
        }
        return false;
    }

    boolean isEntry(int at) {
        return text.charAt(at) == '-' && isBlankAt(at + 1);
    }

    /** Where a plain scalar value from {@code at} stops: a comment or the line end; -1 at a ': ' or a tab. */
    int plainEnd(int at, int stop) {
        for (int i = at; i < stop; i++) {
            char c = text.charAt(i);
            if (c == ':' && isBlankAt(i + 1) || c == '\t') return -1; // a mapping on the line; tabs: left to snakeyaml
            if (c == '#' && text.charAt(i - 1) == ' ') return i;
        }
        return stop;
    }
}
