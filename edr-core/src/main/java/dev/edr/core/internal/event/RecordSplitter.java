package dev.edr.core.internal.event;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts a byte stream into record candidates without parsing them, so that one malformed record can be skipped
 * and reading resumes at the next one. It only tracks strings and bracket depth with an int counter (no
 * recursion, so absurd nesting costs nothing here; the JSON parser enforces the depth limit afterwards).
 *
 * <p>Where a candidate ends:
 * <ul>
 *   <li>an object or array ends when its brackets balance;</li>
 *   <li>a top-level {@code [} is a container, not a record: its elements are the records (a JSON array of
 *       objects); elements may be separated by commas;</li>
 *   <li>anything else at top level (a number, a string, junk) runs to the end of its line; inside a container it
 *       runs to the next {@code ,} or {@code ]};</li>
 *   <li>resynchronization: a raw line break inside a string (never valid JSON) ends the candidate, and so does a
 *       line that starts with {@code {} in its first column while brackets are still open: that is how the next
 *       JSON Lines record or the next top-level value of a pretty-printed file starts, so a truncated record
 *       cannot swallow the records after it; once the input shows itself to be JSON Lines (a top-level record
 *       opened and closed on its first line), any line break ends an unfinished record.</li>
 * </ul>
 * Candidates longer than the byte limit are scanned to their end but not kept ({@link Segment#oversized()}).
 *
 * <p>JSON Lines fast path: once the input is JSON Lines, a line that starts with {@code {} is offered whole, as it
 * lies in the buffer, without looking at its brackets ({@link Segment#wholeLine()}). When it parses as one object with
 * nothing after it, that is the candidate the rules above would have cut too (for valid JSON, the brackets balance
 * exactly at the object's end); otherwise the reader calls {@link #rescanLine()}, and the line is cut by the rules
 * above, so that bad or crowded lines give the very candidates, issues and record numbers they always did.
 */
final class RecordSplitter {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final int maxRecordBytes;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private long line = 1;
    /** The column at buffer position {@code colMarkPos}; see {@link #column()}. */
    private int colMark = 1;
    private int colMarkPos;
    private static final byte[] IN_STRING = new byte[256];
    private static final byte[] OUTSIDE = new byte[256];
    /** Eight bytes of a buffer as one little-endian word; and the three bytes that end a run of string contents,
     *  repeated in each byte of a word. */
    static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final long QUOTES = 0x2222222222222222L;
    static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long LINE_BREAKS = 0x0A0A0A0A0A0A0A0AL;

    static {
        for (char c : new char[] {'"', '\\', '\n'}) IN_STRING[c] = 1;
        for (char c : new char[] {'"', '\n', '{', '[', '}', ']'}) OUTSIDE[c] = 1;
    }
    private boolean inContainer;
    /** Set once a top-level record opened and closed on one line: the input is JSON Lines, where a record never
     *  spans lines, so a line break with brackets still open ends a truncated record. */
    private boolean jsonLines;

    private byte[] seg = new byte[4096];
    private int segLength;
    private long segTotal;
    /** Where the last whole line offered started in the buffer, or -1 (see {@link #rescanLine()}). */
    private int lineStart = -1;
    /** Set by {@link #rescanLine()}: the next candidate is cut by the rules, not offered as a whole line. */
    private boolean noWholeLine;

    /** Whether JSON Lines lines may be offered whole (off only to test that the fast path changes nothing). */
    private final boolean wholeLines;

    RecordSplitter(InputStream in, int maxRecordBytes) {
        this(in, maxRecordBytes, true);
    }

    RecordSplitter(InputStream in, int maxRecordBytes, boolean wholeLines) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
        this.wholeLines = wholeLines;
    }

    /**
     * One record candidate: {@code bytes[offset, offset + length)}. {@code bytes} is reused by the next call to
     * {@link #next()}. {@code wholeLine}: a JSON Lines line offered whole (see the class comment).
     */
    record Segment(byte[] bytes, int offset, int length, long line, int column, boolean oversized, long totalBytes,
            boolean wholeLine) {}

    /**
     * Parses a JSON Lines line from its start, finding its end on the way (so that the line is not searched for its
     * break first): returns where the line break after the record is (or {@code limit}), or -1 when the line is not
     * one record it takes (then the line is cut as usual). The record it parsed is its own to hand out.
     */
    interface LineParser {
        int parse(byte[] bytes, int offset, int limit);
    }

    /** Tries whole lines first when set ({@link #setLineParser}). */
    private LineParser lineParser;
    /** Whether the last candidate {@link #next()} returned was parsed by the {@link LineParser} already. */
    private boolean parsed;

    /** Lets JSON Lines lines go to {@code parser} before they are searched for their end. */
    void setLineParser(LineParser parser) {
        this.lineParser = parser;
    }

    /** Whether the candidate {@link #next()} returned last is the record the {@link LineParser} parsed. */
    boolean parsed() {
        return parsed;
    }

    /** The next candidate, or {@code null} at the end of the input. */
    Segment next() throws IOException {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        int b;
        while (true) {
            b = peek();
            if (b < 0) {
                return null;
            }
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                read();
            } else if (inContainer && (b == ',' || b == ']')) {
                read();
                inContainer = b == ',';
            } else if (!inContainer && b == '[') {
                read();
                inContainer = true;
            } else {
                break;
            }
        }
        long startLine = line;
        int startColumn = column();
        boolean rescan = noWholeLine;
        noWholeLine = false;
        lineStart = -1;
        parsed = false;
        if (wholeLines && jsonLines && b == '{' && !inContainer && !rescan) {
            if (lineParser != null) {
                // the buffered bytes from here: a line that ends in them (or with the input) is the parser's
                int end = lineParser.parse(buf, pos, limit);
                if (end >= 0 && end - pos <= maxRecordBytes && (end < limit || eof)) {
                    lineStart = pos;
                    int length = end - pos;
                    pos = end; // the line break is left for the whitespace skip of the next call
                    parsed = true;
                    return new Segment(buf, lineStart, length, startLine, startColumn, false, length, true);
                }
            }
            int end = lineEnd();
            if (end >= 0) {
                lineStart = pos;
                pos = end; // the line break is left for the whitespace skip of the next call
                int length = end - lineStart; // a carriage return at its end is whitespace to the parser
                return new Segment(buf, lineStart, length, startLine, startColumn, false, length, true);
            }
        }
        segLength = 0;
        segTotal = 0;
        if (b == '{' || b == '[') {
            boolean complete = scanComposite();
            if (complete && !inContainer && line == startLine && startColumn == 1) {
                jsonLines = true;
            }
            trimTrailingWhitespace();
        } else {
            scanScalar();
        }
        return new Segment(seg, 0, segLength, startLine, startColumn, segTotal > maxRecordBytes, segTotal, false);
    }

    /**
     * Takes back the whole line the last {@link #next()} offered: the next call cuts it by the rules instead. Only
     * right after a {@link Segment#wholeLine()} candidate (nothing has moved the buffer since).
     */
    void rescanLine() {
        if (lineStart < 0) {
            throw new IllegalStateException("no whole line to take back");
        }
        pos = lineStart;
        lineStart = -1;
        noWholeLine = true;
    }

    /**
     * The buffer position of the line break ending the line at {@code pos} (or of the end of the input), reading
     * more input as needed; -1 when the line is longer than the buffer or the record limit, which the rules handle.
     */
    private int lineEnd() throws IOException {
        int searched = 0; // bytes after pos known to hold no line break
        while (true) {
            int i = lineBreak(buf, pos + searched, limit);
            if (i < limit) {
                return i - pos > maxRecordBytes ? -1 : i;
            }
            searched = limit - pos;
            if (searched > maxRecordBytes) {
                return -1;
            }
            if (eof) {
                return limit;
            }
            if (searched == buf.length) {
                return -1;
            }
            fill(searched + 1); // moves the unread bytes to the start of the buffer: pos becomes 0
        }
    }

    /** The position of the first line break in {@code b[i, end)}, or {@code end}; eight bytes at a time. */
    private static int lineBreak(byte[] b, int i, int end) {
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long found = zeroByte((long) WORDS.get(b, i) ^ LINE_BREAKS);
            if (found != 0) return i + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        while (i < end && b[i] != '\n') i++;
        return i;
    }

    /**
     * Scans one object or array; true when its brackets balanced, false when it was cut short. Runs over the
     * buffer in place, looks most bytes up in one table, and copies each buffered run in one piece: this loop sees
     * every byte of the input. Columns are not counted here but derived when asked ({@link #column()}).
     */
    private boolean scanComposite() throws IOException {
        int depth = 0;
        boolean inString = false;
        boolean escape = false;
        while (true) {
            if (pos == limit && !fill(1)) {
                return false;
            }
            byte[] b = buf;
            int i = pos;
            int end = limit;
            int outcome = 0; // 0: buffer used up, 1: balanced (last byte consumed), 2: cut (byte not consumed)
            for (; i < end; i++) {
                if (inString) {
                    if (escape) {
                        if (b[i] == '\n') {
                            outcome = 2;
                            break;
                        }
                        escape = false;
                        continue;
                    }
                    i = stringRun(b, i, end); // the bulk of a record: string contents
                    if (i == end) break;
                    int c = b[i];
                    if (c == '"') {
                        inString = false;
                    } else if (c == '\\') {
                        escape = true;
                    } else { // a raw line break is never valid in a JSON string: the record was cut short
                        outcome = 2;
                        break;
                    }
                    continue;
                }
                while (i < end && OUTSIDE[b[i] & 0xFF] == 0) i++;
                if (i == end) break;
                int c = b[i];
                if (c == '"') {
                    inString = true;
                } else if (c == '\n') {
                    if (jsonLines) {
                        outcome = 2;
                        break;
                    }
                    line++;
                    colMark = 1;
                    colMarkPos = i + 1;
                } else if (c == '{' || c == '[') {
                    if (c == '{' && depth > 0 && i == colMarkPos && colMark == 1) {
                        outcome = 2;
                        break;
                    }
                    depth++;
                } else if (--depth <= 0) { // '}' or ']'
                    i++;
                    outcome = 1;
                    break;
                }
            }
            appendRun(b, pos, i - pos);
            pos = i;
            if (outcome != 0) {
                return outcome == 1;
            }
        }
    }

    /**
     * The position of the first quote, backslash or line break in {@code b[i, end)}, or {@code end}: eight bytes at a
     * time (each word is tested for the three bytes at once, SWAR), then byte by byte for the rest.
     */
    static int stringRun(byte[] b, int i, int end) {
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long w = (long) WORDS.get(b, i);
            long found = zeroByte(w ^ QUOTES) | zeroByte(w ^ BACKSLASHES) | zeroByte(w ^ LINE_BREAKS);
            if (found != 0) {
                // the lowest flagged byte is a true match (only bytes above a true zero can be flagged falsely)
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < end && IN_STRING[b[i] & 0xFF] == 0) i++;
        return i;
    }

    /** The high bit of each byte of {@code x} that is zero, and possibly of bytes above the lowest such one. */
    static long zeroByte(long x) {
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }

    /** The 1-based column of the next unread byte (UTF-8 continuation bytes belong to the character before them). */
    private int column() {
        int col = colMark;
        for (int i = colMarkPos; i < pos; i++) {
            if ((buf[i] & 0xC0) != 0x80) col++;
        }
        colMark = col; // counted once: later calls start here
        colMarkPos = pos;
        return col;
    }

    /** A candidate cut at a line boundary ends with the line break; without it, "unexpected end" points at the
     *  end of the broken line rather than at the start of the next one. */
    private void trimTrailingWhitespace() {
        while (segLength > 0 && segTotal == segLength) {
            byte c = seg[segLength - 1];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            segLength--;
            segTotal--;
        }
    }

    private void scanScalar() throws IOException {
        boolean inString = false;
        boolean escape = false;
        while (true) {
            int b = peek();
            if (b < 0 || b == '\n' || (!inString && inContainer && (b == ',' || b == ']'))) {
                return;
            }
            append(read());
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (b == '\\') {
                    escape = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            }
        }
    }

    private void append(int b) {
        segTotal++;
        if (segTotal > maxRecordBytes) {
            return;
        }
        if (segLength == seg.length) {
            seg = Arrays.copyOf(seg, (int) Math.min((long) seg.length * 2, Math.max(maxRecordBytes, 16)));
        }
        seg[segLength++] = (byte) b;
    }

    private void appendRun(byte[] from, int offset, int length) {
        long kept = Math.max(0, Math.min(length, maxRecordBytes - segTotal));
        segTotal += length;
        if (kept == 0) {
            return;
        }
        int n = (int) kept;
        if (segLength + n > seg.length) {
            long want = Math.max((long) seg.length * 2, (long) segLength + n);
            seg = Arrays.copyOf(seg, (int) Math.min(want, Math.max(maxRecordBytes, 16)));
        }
        System.arraycopy(from, offset, seg, segLength, n);
        segLength += n;
    }

    private void skipByteOrderMark() throws IOException {
        fill(3);
        if (limit - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB
                && (buf[pos + 2] & 0xFF) == 0xBF) {
            pos += 3;
            colMarkPos = pos; // the mark is not a character of the first line
        }
    }

    private int peek() throws IOException {
        if (pos == limit && !fill(1)) {
            return -1;
        }
        return buf[pos] & 0xFF;
    }

    private int read() throws IOException {
        int b = peek();
        if (b < 0) {
            return b;
        }
        pos++;
        if (b == '\n') {
            line++;
            colMark = 1;
            colMarkPos = pos;
        }
        return b;
    }

    /** Ensures at least {@code n} unread bytes unless the input ends first; false when none are left. */
    private boolean fill(int n) throws IOException {
        if (pos > 0 && limit - pos < n) {
            column(); // the bytes before pos go away: settle the column first
            colMarkPos = 0;
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (!eof && limit - pos < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit > pos;
    }
}
