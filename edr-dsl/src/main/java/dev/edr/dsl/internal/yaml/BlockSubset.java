package dev.edr.dsl.internal.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ImplicitTuple;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * A fast reader for the plain shape nearly every rule file has: one implicit document whose root is a block mapping,
 * with block mappings and sequences, single-line plain and quoted scalars, literal block scalars and comments. It
 * yields the very events snakeyaml's parser yields for such a text (same values, styles and start marks), or
 * {@code null} the moment it meets anything else (flow collections, anchors, tags, folded or multi-line scalars,
 * tabs, several documents, an empty value, anything malformed), and the caller then parses with snakeyaml, which
 * stays the reference for every diagnostic. Being small, it is quick in a cold JVM and cheap to compile; snakeyaml's
 * general scanner is neither. Equivalence is tested against snakeyaml on the corpus and on mutations of it.
 */
final class BlockSubset {
    private static final int[] NO_BUFFER = new int[0];
    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);
    /** Below snakeyaml's limit for an implicit (simple) key (1024), so that its checks never come into play. */
    private static final int MAX_KEY = 1000;
    /** Rules nest a few levels; deeper texts go to snakeyaml and the reader's depth limit (and this stack stays small). */
    private static final int MAX_DEPTH = 40;

    private final String text;
    private final String label;
    private final List<Event> events = new ArrayList<>();
    /** Start offset of each line; a final entry past the end. */
    private final int[] lineStart;
    private final int lines;
    /** The line being looked at. */
    private int line;
    private int depth;
    /** Marks count code points: with characters outside the BMP, columns and offsets differ from char counts. */
    private final boolean supplementary;
    /** Code points before each line, when {@link #supplementary}. */
    private int[] codePointsBefore;

    /** Thrown to give up; never escapes {@link #events}. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    private BlockSubset(String text, String label, int[] lineStart, int lines, boolean supplementary) {
        this.text = text;
        this.label = label;
        this.lineStart = lineStart;
        this.lines = lines;
        this.supplementary = supplementary;
    }

    /** The parser events of {@code text} (without stream start and end), or null when it is not of the subset. */
    static List<Event> events(String text, String label) {
        int[] starts = lineStarts(text);
        if (starts == null) {
            return null;
        }
        try {
            return new BlockSubset(text, label, starts, starts.length - 2, starts[starts.length - 1] != 0).document();
        } catch (Unsupported e) {
            return null;
        }
    }

    /**
     * Where each line starts, then one past the end, then 1 if the text has characters outside the BMP (else 0); null
     * for texts with tabs, other control characters, lone surrogates or line breaks other than '\n'. Apart from the
     * parse so that a JIT compiling this loop does not take the whole parser along.
     */
    private static int[] lineStarts(String text) {
        int count = 1;
        int pairs = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                count++;
            } else if (c < ' ' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                return null;
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return null;
                }
                pairs = 1;
                i++;
            }
        }
        int[] starts = new int[count + 2];
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts[n++] = i + 1;
        }
        starts[count] = text.length() + 1;
        starts[count + 1] = pairs;
        return starts;
    }

    private List<Event> document() {
        line = 0;
        skipBlank();
        if (line >= lines || indent(line) != 0) fail();
        Optional<Mark> start = mark(line, 0);
        events.add(new DocumentStartEvent(false, Optional.empty(), Map.of(), start, start));
        mapping(0, lineStart[line]);
        if (line < lines) fail();
        events.add(new DocumentEndEvent(false, Optional.empty(), Optional.empty()));
        return events;
    }

    /** A block mapping whose first key starts at offset {@code first} (column {@code indent}) of the current line. */
    private void mapping(int indent, int first) {
        if (++depth > MAX_DEPTH) fail();
        Optional<Mark> start = mark(line, indent);
        events.add(new MappingStartEvent(Optional.empty(), Optional.empty(), true, FlowStyle.BLOCK, start, start));
        int at = first;
        while (true) {
            int valueAt = key(at, indent);
            value(valueAt, indent, true);
            skipBlank();
            if (line >= lines) break;
            int next = indent(line);
            if (next < indent) break;
            if (next > indent) fail();
            at = lineStart[line] + indent;
        }
        events.add(new MappingEndEvent(Optional.empty(), Optional.empty()));
        depth--;
    }

    /** A block sequence whose entries start at column {@code indent}, the current line's first. */
    private void sequence(int indent) {
        if (++depth > MAX_DEPTH) fail();
        Optional<Mark> start = mark(line, indent);
        events.add(new SequenceStartEvent(Optional.empty(), Optional.empty(), true, FlowStyle.BLOCK, start, start));
        while (true) {
            int at = lineStart[line] + indent;
            if (!isEntry(at)) fail();
            int content = skipSpaces(at + 1);
            if (atLineEnd(content) || text.charAt(content) == '-' && isBlankAt(content + 1)) {
                fail(); // an entry's content on the next lines, or a nested sequence on one line
            }
            if (looksLikeKey(content)) {
                mapping(content - lineStart[line], content);
            } else {
                scalarValue(content, indent);
            }
            skipBlank();
            if (line >= lines) break;
            int next = indent(line);
            if (next < indent) break;
            if (next > indent) fail();
            if (!isEntry(lineStart[line] + indent)) break; // the next key of an enclosing mapping at this column
        }
        events.add(new SequenceEndEvent(Optional.empty(), Optional.empty()));
        depth--;
    }

    /** Reads the key at {@code at} and its ':'; returns where the value may start. */
    private int key(int at, int indent) {
        char c = text.charAt(at);
        int end;
        if (c == '\'' || c == '"') {
            end = c == '\'' ? singleQuoted(at) : doubleQuoted(at);
            if (end >= lineEnd() || text.charAt(end) != ':' || !isBlankAt(end + 1)) fail();
        } else {
            if (!plainStart(at)) fail();
            end = at;
            int stop = lineEnd();
            while (true) {
                end = text.indexOf(':', end);
                if (end < 0 || end >= stop) fail();
                if (isBlankAt(end + 1)) break;
                end++;
            }
            int trimmed = end;
            while (text.charAt(trimmed - 1) == ' ') trimmed--;
            String key = text.substring(at, trimmed);
            if (key.contains(" #")) fail();
            addScalar(key, ScalarStyle.PLAIN, line, at - lineStart[line]);
        }
        if (end - at > MAX_KEY) fail();
        return end + 1;
    }

    /** The value after a key's ':' at {@code at}; the key's mapping is at column {@code indent}. */
    private void value(int at, int indent, boolean inMapping) {
        int content = skipSpaces(at);
        if (!atLineEnd(content) && !isComment(content)) {
            scalarValue(content, indent);
            return;
        }
        int keyLine = line;
        line++;
        skipBlank();
        int next = line < lines ? indent(line) : -1;
        int nextAt = line < lines ? lineStart[line] + next : -1;
        if (next < indent || next == indent && !(inMapping && isEntry(nextAt))) {
            addScalar("", ScalarStyle.PLAIN, keyLine, at - lineStart[keyLine]); // empty: null, marked after the ':'
            return;
        }
        if (next > indent) {
            if (isEntry(nextAt)) {
                sequence(next);
            } else if (looksLikeKey(nextAt)) {
                mapping(next, nextAt);
            } else if (text.charAt(nextAt) == '|') {
                fail(); // a block scalar header on its own line
            } else {
                scalarValue(nextAt, indent); // a scalar starting on the next line
            }
        } else if (next == indent && inMapping && isEntry(nextAt)) {
            sequence(next); // an indentless sequence: its entries at the key's own column
        } else {
            fail();
        }
    }

    /** A scalar starting at {@code at} on the current line, in a collection at column {@code indent}. */
    private void scalarValue(int at, int indent) {
        char c = text.charAt(at);
        int end;
        if (c == '\'' || c == '"') {
            end = c == '\'' ? singleQuoted(at) : doubleQuoted(at);
        } else if (c == '|') {
            literal(at, indent);
            return;
        } else {
            if (!plainStart(at)) fail();
            int startLine = line;
            int stop = lineEnd();
            int cut = plainEnd(at, stop);
            end = trimEnd(at, cut);
            String value = text.substring(at, end);
            if (cut == stop) {
                value = continued(value, indent);
                if (line != startLine) {
                    int from = lineStart[line] + indent(line);
                    end = trimEnd(from, plainEnd(from, lineEnd()));
                }
            }
            addScalar(value, ScalarStyle.PLAIN, startLine, at - lineStart[startLine]);
        }
        int rest = skipSpaces(end);
        if (!atLineEnd(rest) && !(isComment(rest) && rest > end)) fail();
        line++;
        skipBlank();
        if (line < lines && indent(line) > indent) fail(); // a continuation line: multi-line scalars are not read here
    }

    /**
     * Folds the lines that continue a plain scalar ({@code first} so far) the way snakeyaml does: more indented than
     * the collection at column {@code indent}, joined by a space, or by a line break per empty line between. Leaves
     * {@code line} on the scalar's last line.
     */
    private String continued(String first, int indent) {
        StringBuilder value = null;
        while (true) {
            int l = line + 1;
            int empty = 0;
            while (l < lines && isBlankLine(l)) {
                l++;
                empty++;
            }
            if (l >= lines || indent(l) <= indent) break;
            int from = lineStart[l] + indent(l);
            if (text.charAt(from) == '#') break; // a comment ends the scalar
            if (!plainStart(from)) fail();
            line = l;
            int stop = lineEnd();
            int cut = plainEnd(from, stop);
            if (value == null) value = new StringBuilder(first);
            if (empty == 0) {
                value.append(' ');
            } else {
                value.append("\n".repeat(empty));
            }
            value.append(text, from, trimEnd(from, cut));
            if (cut < stop) break; // a comment after the text ends the scalar
        }
        return value == null ? first : value.toString();
    }

    private int trimEnd(int from, int end) {
        while (end > from && text.charAt(end - 1) == ' ') end--;
        return end;
    }

    /** Where a plain scalar value from {@code at} stops: a comment or the line end (a ': ' on the way gives up). */
    private int plainEnd(int at, int stop) {
        for (int i = at; i < stop; i++) {
            char c = text.charAt(i);
            if (c == ':' && isBlankAt(i + 1)) fail(); // a mapping on the line: left to snakeyaml
            if (c == '#' && text.charAt(i - 1) == ' ') return i;
        }
        return stop;
    }

    /** A {@code |} or {@code |-} literal block scalar whose header is at {@code at}. */
    private void literal(int at, int indent) {
        int headerLine = line;
        int p = at + 1;
        boolean strip = false;
        if (p < lineEnd() && text.charAt(p) == '-') {
            strip = true;
            p++;
        }
        int rest = skipSpaces(p);
        if (!atLineEnd(rest) && !(isComment(rest) && rest > p)) fail();
        line++;
        if (line >= lines || isBlankLine(line)) fail(); // leading empty lines: indentation rules left to snakeyaml
        int blockIndent = indent(line);
        if (blockIndent <= indent) fail();
        StringBuilder value = new StringBuilder();
        boolean lastHasBreak = false;
        int pendingBreaks = 0;
        while (line < lines) {
            int start = lineStart[line];
            int end = lineEnd();
            if (isBlankLine(line)) {
                if (end - start > blockIndent) fail(); // spaces beyond the indentation are content
                pendingBreaks++;
                line++;
                continue;
            }
            if (indent(line) < blockIndent) break;
            if (value.length() > 0 || pendingBreaks > 0) {
                value.append('\n');
                for (int i = 0; i < pendingBreaks; i++) value.append('\n');
            }
            pendingBreaks = 0;
            value.append(text, start + blockIndent, end);
            lastHasBreak = end < text.length();
            line++;
        }
        if (!strip && lastHasBreak) value.append('\n');
        addScalar(value.toString(), ScalarStyle.LITERAL, headerLine, at - lineStart[headerLine]);
        skipBlank();
        if (line < lines && indent(line) > indent) fail();
    }

    /** A single-quoted scalar on one line; returns the offset after the closing quote. */
    private int singleQuoted(int at) {
        int stop = lineEnd();
        StringBuilder value = null;
        int from = at + 1;
        int i = from;
        while (true) {
            int q = text.indexOf('\'', i);
            if (q < 0 || q >= stop) fail();
            if (q + 1 < stop && text.charAt(q + 1) == '\'') {
                if (value == null) value = new StringBuilder();
                value.append(text, from, q + 1);
                from = q + 2;
                i = from;
                continue;
            }
            String s = value == null ? text.substring(from, q) : value.append(text, from, q).toString();
            addScalar(s, ScalarStyle.SINGLE_QUOTED, line, at - lineStart[line]);
            return q + 1;
        }
    }

    /** A double-quoted scalar on one line with the common escapes only; returns the offset after it. */
    private int doubleQuoted(int at) {
        int stop = lineEnd();
        StringBuilder value = new StringBuilder();
        for (int i = at + 1; i < stop; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                addScalar(value.toString(), ScalarStyle.DOUBLE_QUOTED, line, at - lineStart[line]);
                return i + 1;
            }
            if (c == '\\') {
                if (++i >= stop) fail();
                switch (text.charAt(i)) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case '/' -> value.append('/');
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'x' -> i = hex(value, i, 2, stop);
                    case 'u' -> i = hex(value, i, 4, stop);
                    default -> fail();
                }
            } else {
                value.append(c);
            }
        }
        throw Unsupported.INSTANCE; // not closed on this line
    }

    /** Appends the character of the {@code digits} hex digits after {@code i}; returns the last digit's offset. */
    private int hex(StringBuilder value, int i, int digits, int stop) {
        if (i + digits >= stop) fail();
        int c = 0;
        for (int k = 1; k <= digits; k++) {
            int d = Character.digit(text.charAt(i + k), 16);
            if (d < 0 || text.charAt(i + k) > 'f') fail();
            c = c * 16 + d;
        }
        if (Character.isSurrogate((char) c)) fail();
        value.append((char) c);
        return i + digits;
    }

    /** Events carry their start mark as end mark too: nothing reads end marks. */
    private void addScalar(String value, ScalarStyle style, int atLine, int column) {
        Optional<Mark> start = mark(atLine, column);
        events.add(new ScalarEvent(Optional.empty(), Optional.empty(), style == ScalarStyle.PLAIN ? PLAIN : QUOTED,
                value, style, start, start));
    }

    /** Whether a plain scalar may start at {@code at} (in block context) and is of the subset. */
    private boolean plainStart(int at) {
        char c = text.charAt(at);
        return switch (c) {
            case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> false;
            case '-' -> !isBlankAt(at + 1) && !text.startsWith("---", at);
            case '?', ':' -> !isBlankAt(at + 1);
            default -> c > ' ';
        };
    }

    /** Whether the line holds a simple key at {@code at}: a quoted or plain scalar followed by ': ' on this line. */
    private boolean looksLikeKey(int at) {
        char c = text.charAt(at);
        int stop = lineEnd();
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

    private boolean isEntry(int at) {
        return text.charAt(at) == '-' && isBlankAt(at + 1);
    }

    /** Whether {@code i} is a space, a line end or the end of the text. */
    private boolean isBlankAt(int i) {
        return i >= text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\n';
    }

    private boolean atLineEnd(int i) {
        return i >= text.length() || text.charAt(i) == '\n';
    }

    private boolean isComment(int i) {
        return i < text.length() && text.charAt(i) == '#';
    }

    private int skipSpaces(int i) {
        while (i < text.length() && text.charAt(i) == ' ') i++;
        return i;
    }

    /** The offset of the current line's end (its '\n' or the end of the text). */
    private int lineEnd() {
        return lineStart[line + 1] - 1;
    }

    /** Skips lines that are empty, blank or comments. Document markers and directives give up. */
    private void skipBlank() {
        while (line < lines) {
            int start = lineStart[line];
            int first = skipSpaces(start);
            if (atLineEnd(first)) {
                line++;
                continue;
            }
            if (text.charAt(first) == '#') {
                line++;
                continue;
            }
            if (first == start && (text.startsWith("---", start) || text.startsWith("...", start)
                    || text.charAt(start) == '%')) {
                fail();
            }
            return;
        }
    }

    private boolean isBlankLine(int l) {
        return atLineEnd(skipSpaces(lineStart[l]));
    }

    private int indent(int l) {
        return skipSpaces(lineStart[l]) - lineStart[l];
    }

    private Optional<Mark> mark(int atLine, int column) {
        int start = lineStart[atLine];
        if (!supplementary) {
            return Optional.of(new Mark(label, start + column, atLine, column, NO_BUFFER, 0));
        }
        if (codePointsBefore == null) {
            codePointsBefore = new int[lines];
            for (int l = 1; l < lines; l++) {
                codePointsBefore[l] = codePointsBefore[l - 1] + text.codePointCount(lineStart[l - 1], lineStart[l]);
            }
        }
        int points = text.codePointCount(start, start + column);
        return Optional.of(new Mark(label, codePointsBefore[atLine] + points, atLine, points, NO_BUFFER, 0));
    }

    private static void fail() {
        throw Unsupported.INSTANCE;
    }
}
