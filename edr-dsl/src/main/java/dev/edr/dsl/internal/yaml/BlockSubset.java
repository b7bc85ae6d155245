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
 * with block mappings and sequences, plain (also multi-line), quoted and literal block scalars, empty values and
 * comments. It yields the very events snakeyaml's parser yields for such a text (same values, styles and start
 * marks), or {@code null} the moment it meets anything else (flow collections, anchors, tags, folded scalars, tabs
 * outside comments, several documents, anything malformed), and the caller then parses with snakeyaml, which stays
 * the reference for every diagnostic. Being small, it is quick in a cold JVM and cheap to compile; snakeyaml's
 * general scanner is neither. Equivalence is tested against snakeyaml on the corpus and on mutations of it.
 */
final class BlockSubset {
    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);
    /** Below snakeyaml's limit for an implicit (simple) key (1024), so that its checks never come into play. */
    private static final int MAX_KEY = 1000;
    /** Rules nest a few levels; deeper texts go to snakeyaml and the reader's depth limit (and this stack stays small). */
    private static final int MAX_DEPTH = 40;

    private final SubsetText t;
    private final String text;
    private final int lines;
    private final List<Event> events = new ArrayList<>();
    /** The line being looked at. */
    private int line;
    private int depth;

    /** Thrown to give up; never escapes {@link #events}. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    private BlockSubset(SubsetText t) {
        this.t = t;
        this.text = t.text;
        this.lines = t.lines;
    }

    /** The parser events of {@code text} (without stream start and end), or null when it is not of the subset. */
    static List<Event> events(String text, String label) {
        SubsetText t = SubsetText.of(text, label);
        return t == null ? null : events(t);
    }

    /** The parser events of the text, or null when it is not of the subset. */
    static List<Event> events(SubsetText t) {
        try {
            return new BlockSubset(t).document();
        } catch (Unsupported e) {
            return null;
        }
    }

    private List<Event> document() {
        line = 0;
        skipBlank();
        if (line >= lines || t.indent(line) != 0) fail();
        Optional<Mark> start = t.mark(line, 0);
        events.add(new DocumentStartEvent(false, Optional.empty(), Map.of(), start, start));
        mapping(0, t.start(line));
        if (line < lines) fail();
        events.add(new DocumentEndEvent(false, Optional.empty(), Optional.empty()));
        return events;
    }

    /** A block mapping whose first key starts at offset {@code first} (column {@code indent}) of the current line. */
    private void mapping(int indent, int first) {
        if (++depth > MAX_DEPTH) fail();
        Optional<Mark> start = t.mark(line, indent);
        events.add(new MappingStartEvent(Optional.empty(), Optional.empty(), true, FlowStyle.BLOCK, start, start));
        int at = first;
        while (true) {
            int valueAt = key(at, indent);
            value(valueAt, indent, true);
            skipBlank();
            if (line >= lines) break;
            int next = t.indent(line);
            if (next < indent) break;
            if (next > indent) fail();
            at = t.start(line) + indent;
        }
        events.add(new MappingEndEvent(Optional.empty(), Optional.empty()));
        depth--;
    }

    /** A block sequence whose entries start at column {@code indent}, the current line's first. */
    private void sequence(int indent) {
        if (++depth > MAX_DEPTH) fail();
        Optional<Mark> start = t.mark(line, indent);
        events.add(new SequenceStartEvent(Optional.empty(), Optional.empty(), true, FlowStyle.BLOCK, start, start));
        while (true) {
            int at = t.start(line) + indent;
            if (!t.isEntry(at)) fail();
            int content = t.skipSpaces(at + 1);
            if (t.atLineEnd(content) || text.charAt(content) == '-' && t.isBlankAt(content + 1)) {
                fail(); // an entry's content on the next lines, or a nested sequence on one line
            }
            if (t.looksLikeKey(content)) {
                mapping(content - t.start(line), content);
            } else {
                scalarValue(content, indent);
            }
            skipBlank();
            if (line >= lines) break;
            int next = t.indent(line);
            if (next < indent) break;
            if (next > indent) fail();
            if (!t.isEntry(t.start(line) + indent)) break; // the next key of an enclosing mapping at this column
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
            if (end >= lineEnd() || text.charAt(end) != ':' || !t.isBlankAt(end + 1)) fail();
        } else {
            if (!t.plainStart(at)) fail();
            end = at;
            int stop = lineEnd();
            while (true) {
                end = text.indexOf(':', end);
                if (end < 0 || end >= stop) fail();
                if (t.isBlankAt(end + 1)) break;
                end++;
            }
            int trimmed = end;
            while (text.charAt(trimmed - 1) == ' ') trimmed--;
            String key = text.substring(at, trimmed);
            if (key.contains(" #") || key.indexOf('\t') >= 0) fail();
            addScalar(key, ScalarStyle.PLAIN, line, at - t.start(line));
        }
        if (end - at > MAX_KEY) fail();
        return end + 1;
    }

    /** The value after a key's ':' at {@code at}; the key's mapping is at column {@code indent}. */
    private void value(int at, int indent, boolean inMapping) {
        int content = t.skipSpaces(at);
        if (!t.atLineEnd(content) && !t.isComment(content)) {
            scalarValue(content, indent);
            return;
        }
        int keyLine = line;
        line++;
        skipBlank();
        int next = line < lines ? t.indent(line) : -1;
        int nextAt = line < lines ? t.start(line) + next : -1;
        if (next < indent || next == indent && !(inMapping && t.isEntry(nextAt))) {
            addScalar("", ScalarStyle.PLAIN, keyLine, at - t.start(keyLine)); // empty: null, marked after the ':'
            return;
        }
        if (next > indent) {
            if (t.isEntry(nextAt)) {
                sequence(next);
            } else if (t.looksLikeKey(nextAt)) {
                mapping(next, nextAt);
            } else if (text.charAt(nextAt) == '|') {
                fail(); // a block scalar header on its own line
            } else {
                scalarValue(nextAt, indent); // a scalar starting on the next line
            }
        } else if (next == indent && inMapping && t.isEntry(nextAt)) {
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
            if (!t.plainStart(at)) fail();
            int startLine = line;
            int stop = lineEnd();
            int cut = plainEnd(at, stop);
            end = t.trimEnd(at, cut);
            String value = text.substring(at, end);
            if (cut == stop) {
                value = continued(value, indent);
                if (line != startLine) {
                    int from = t.start(line) + t.indent(line);
                    end = t.trimEnd(from, plainEnd(from, lineEnd()));
                }
            }
            addScalar(value, ScalarStyle.PLAIN, startLine, at - t.start(startLine));
        }
        int rest = t.skipSpaces(end);
        if (!t.atLineEnd(rest) && !(t.isComment(rest) && rest > end)) fail();
        line++;
        skipBlank();
        if (line < lines && t.indent(line) > indent) fail(); // a continuation line: multi-line scalars are not read here
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
            while (l < lines && t.isBlankLine(l)) {
                l++;
                empty++;
            }
            if (l >= lines || t.indent(l) <= indent) break;
            int from = t.start(l) + t.indent(l);
            if (text.charAt(from) == '#') break; // a comment ends the scalar
            if (!t.plainStart(from)) fail();
            line = l;
            int stop = lineEnd();
            int cut = plainEnd(from, stop);
            if (value == null) value = new StringBuilder(first);
            if (empty == 0) {
                value.append(' ');
            } else {
                value.append("\n".repeat(empty));
            }
            value.append(text, from, t.trimEnd(from, cut));
            if (cut < stop) break; // a comment after the text ends the scalar
        }
        return value == null ? first : value.toString();
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
        int rest = t.skipSpaces(p);
        if (!t.atLineEnd(rest) && !(t.isComment(rest) && rest > p)) fail();
        line++;
        if (line >= lines || t.isBlankLine(line)) fail(); // leading empty lines: indentation rules left to snakeyaml
        int blockIndent = t.indent(line);
        if (blockIndent <= indent) fail();
        StringBuilder value = new StringBuilder();
        boolean lastHasBreak = false;
        int pendingBreaks = 0;
        while (line < lines) {
            int start = t.start(line);
            int end = lineEnd();
            if (t.isBlankLine(line)) {
                if (end - start > blockIndent) fail(); // spaces beyond the indentation are content
                pendingBreaks++;
                line++;
                continue;
            }
            if (t.indent(line) < blockIndent) break;
            if (value.length() > 0 || pendingBreaks > 0) {
                value.append('\n');
                for (int i = 0; i < pendingBreaks; i++) value.append('\n');
            }
            pendingBreaks = 0;
            if (t.hasTab(start, end)) fail();
            value.append(text, start + blockIndent, end);
            lastHasBreak = end < text.length();
            line++;
        }
        if (!strip && lastHasBreak) value.append('\n');
        addScalar(value.toString(), ScalarStyle.LITERAL, headerLine, at - t.start(headerLine));
        skipBlank();
        if (line < lines && t.indent(line) > indent) fail();
    }

    /** A single-quoted scalar on one line; returns the offset after the closing quote. */
    private int singleQuoted(int at) {
        int stop = lineEnd();
        StringBuilder value = null;
        int from = at + 1;
        int i = from;
        while (true) {
            int q = text.indexOf('\'', i);
            if (q < 0 || q >= stop || t.hasTab(i, q)) fail();
            if (q + 1 < stop && text.charAt(q + 1) == '\'') {
                if (value == null) value = new StringBuilder();
                value.append(text, from, q + 1);
                from = q + 2;
                i = from;
                continue;
            }
            String s = value == null ? text.substring(from, q) : value.append(text, from, q).toString();
            addScalar(s, ScalarStyle.SINGLE_QUOTED, line, at - t.start(line));
            return q + 1;
        }
    }

    /** A double-quoted scalar on one line with the common escapes only; returns the offset after it. */
    private int doubleQuoted(int at) {
        int stop = lineEnd();
        StringBuilder value = new StringBuilder();
        for (int i = at + 1; i < stop; i++) {
            char c = text.charAt(i);
            if (c == '\t') fail();
            if (c == '"') {
                addScalar(value.toString(), ScalarStyle.DOUBLE_QUOTED, line, at - t.start(line));
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

    /** Where a plain scalar value from {@code at} stops (a comment or the line end); gives up on ': ' or a tab. */
    private int plainEnd(int at, int stop) {
        int end = t.plainEnd(at, stop);
        if (end < 0) fail();
        return end;
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
        Optional<Mark> start = t.mark(atLine, column);
        events.add(new ScalarEvent(Optional.empty(), Optional.empty(), style == ScalarStyle.PLAIN ? PLAIN : QUOTED,
                value, style, start, start));
    }

    /** The offset of the current line's end (its '\n' or the end of the text). */
    private int lineEnd() {
        return t.end(line);
    }

    /** Skips lines that are empty, blank or comments. Document markers and directives give up. */
    private void skipBlank() {
        while (line < lines) {
            int start = t.start(line);
            int first = t.skipSpaces(start);
            if (t.atLineEnd(first)) {
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

    private static void fail() {
        throw Unsupported.INSTANCE;
    }
}
