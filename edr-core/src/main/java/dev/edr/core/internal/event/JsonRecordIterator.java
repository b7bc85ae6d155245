package dev.edr.core.internal.event;

import com.fasterxml.jackson.core.JsonFactory;
import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.event.EventRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * The records of one input, lazily. Bad records go to the issue consumer (one {@code BAD_RECORD} each, located
 * where the problem was found) and are skipped; an I/O failure is reported as {@code IO_ERROR} and ends this
 * input. Never throws on malformed input.
 */
public final class JsonRecordIterator implements Iterator<EventRecord> {
    private static final int MAX_CONTEXT_CHARS = 300;

    private final String source;
    private final RecordSplitter splitter;
    private final JsonValues values;
    private final int maxRecordBytes;
    private final Consumer<Issue> issues;
    private long index;
    /** The record the splitter's line parser read last; handed out when the splitter says it took the line. */
    private Map<String, Object> lineRecord;
    private EventRecord next;
    private boolean done;

    public JsonRecordIterator(InputStream in, String source, ReadSettings settings, Consumer<Issue> issues) {
        this(in, source, settings, issues, true);
    }

    /** {@code wholeLines}: see {@link RecordSplitter}; off only in the test showing that it changes nothing. */
    JsonRecordIterator(InputStream in, String source, ReadSettings settings, Consumer<Issue> issues,
            boolean wholeLines) {
        this.source = source;
        this.splitter = new RecordSplitter(in, settings.maxRecordBytes(), wholeLines);
        this.values = settings.newValues();
        splitter.setLineParser((bytes, offset, limit) -> {
            lineRecord = values.parseLine(bytes, offset, limit);
            return lineRecord == null ? -1 : values.lineEnd();
        });
        this.maxRecordBytes = settings.maxRecordBytes();
        this.issues = issues;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            advance();
        }
        return next != null;
    }

    @Override
    public EventRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        EventRecord r = next;
        next = null;
        return r;
    }

    private void advance() {
        RecordSplitter.Segment seg = nextSegment();
        if (seg == null) {
            return;
        }
        if (splitter.parsed()) { // a JSON Lines line parsed as the splitter found its end
            next = new EventRecord(source, index++, seg.line(), lineRecord, false);
            lineRecord = null;
            return;
        }
        if (seg.wholeLine()) {
            JsonValues.Result r = values.parseObject(seg.bytes(), seg.offset(), seg.length());
            if (r.value() != null) {
                next = new EventRecord(source, index++, seg.line(), r.value(), r.truncated());
                return;
            }
            // a bad line, or more than one value on it: cut it the careful way, which reports what is wrong where
            splitter.rescanLine();
            seg = nextSegment();
            if (seg == null) {
                return;
            }
        }
        long recordIndex = index++;
        if (seg.oversized()) {
            issues.accept(Issue.error(IssueCode.BAD_RECORD, at(seg.line(), seg.column()),
                    "record " + recordIndex + " is larger than " + maxRecordBytes + " bytes (" + seg.totalBytes()
                            + " bytes); skipped"));
            return;
        }
        JsonValues.Result r = values.parseObject(seg.bytes(), seg.length());
        if (r.value() != null) {
            next = new EventRecord(source, recordIndex, seg.line(), r.value(), r.truncated());
            return;
        }
        reportBad(seg, r);
    }

    /** The next candidate; {@code null} at the end of the input or after a read failure (reported): both end it. */
    private RecordSplitter.Segment nextSegment() {
        try {
            RecordSplitter.Segment seg = splitter.next();
            done = seg == null;
            return seg;
        } catch (IOException e) {
            done = true;
            issues.accept(Issue.error(IssueCode.IO_ERROR, SourceLocation.of(source, 0, 0),
                    "reading stopped: " + Messages.clean(String.valueOf(e.getMessage()))));
            return null;
        }
    }

    private void reportBad(RecordSplitter.Segment seg, JsonValues.Result r) {
        byte[] b = seg.bytes();
        int end = (int) Math.min(Math.max(r.offset(), 0), seg.length());
        long line = seg.line();
        int column = seg.column();
        int lineStart = -1; // offset in the segment where the error's line starts, -1 if before the segment
        for (int i = 0; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c == '\n') {
                line++;
                column = 1;
                lineStart = i + 1;
            } else if ((c & 0xC0) != 0x80) {
                column++;
            }
        }
        Issue issue = Issue.error(IssueCode.BAD_RECORD, at(line, column), r.reason());
        boolean wholeLine = lineStart >= 0 || seg.column() == 1;
        if (wholeLine) {
            issue = issue.withContext(lineText(b, Math.max(lineStart, 0), seg.length()));
        }
        issues.accept(issue);
    }

    private static String lineText(byte[] b, int from, int length) {
        int to = from;
        while (to < length && b[to] != '\n') {
            to++;
        }
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        String s = new String(b, from, Math.min(to - from, MAX_CONTEXT_CHARS * 4), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(MAX_CONTEXT_CHARS).forEach(cp -> {
            // keep one character per column so a caret under the context still points at the right place
            out.appendCodePoint(cp < 0x20 || cp == 0x7F ? '?' : cp);
        });
        return out.toString();
    }

    private SourceLocation at(long line, int column) {
        return SourceLocation.of(source, (int) Math.min(line, Integer.MAX_VALUE), Math.max(column, 1));
    }

    /** Settings shared by every input of one reader; immutable and thread-safe. */
    public static final class ReadSettings {
        private final int maxDepth;
        private final int maxStringChars;
        private final int maxNumberChars;
        private final int maxRecordBytes;
        private final int maxFieldChars;
        private final JsonFactory factory;

        public ReadSettings(int maxDepth, int maxStringChars, int maxNumberChars, int maxRecordBytes, int maxFieldChars) {
            this.maxDepth = maxDepth;
            this.maxStringChars = maxStringChars;
            this.maxNumberChars = maxNumberChars;
            this.maxRecordBytes = maxRecordBytes;
            this.maxFieldChars = maxFieldChars;
            this.factory = JsonValues.factory(maxDepth, maxStringChars, maxNumberChars);
        }

        int maxRecordBytes() {
            return maxRecordBytes;
        }

        /** The parsing state of one input: inputs may be read at once, in different threads. */
        JsonValues newValues() {
            return new JsonValues(factory, maxDepth, maxStringChars, maxNumberChars, maxFieldChars);
        }
    }
}
