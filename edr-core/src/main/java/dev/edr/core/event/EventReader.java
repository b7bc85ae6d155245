package dev.edr.core.event;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.internal.event.EventFiles;
import dev.edr.core.internal.event.JsonRecordIterator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads raw event records from JSON: JSON Lines, concatenated JSON values (pretty-printed or not), or a JSON
 * array of objects, in any mix, UTF-8 (a byte order mark is skipped).
 *
 * <p>A malformed record is reported once as a {@link IssueCode#BAD_RECORD} issue located at
 * {@code file:line:column} with the reason (truncated JSON, a value that is not an object, invalid UTF-8, a raw
 * control character, nesting too deep, a number out of range, a duplicate field name, ...) and skipped; reading
 * goes on with the next record. After a truncated record, reading resumes at the next line that starts with
 * {@code {} in its first column (each JSON Lines record does; so does each top-level value of a pretty-printed
 * file). A value that is not an object is skipped to the end of its line (inside an array: to the next element).
 *
 * <p>Record numbering: {@link EventRecord#index()} counts every record attempt from 0, bad ones included, so a
 * good record keeps its index whatever happens to its neighbours; {@link EventRecord#line()} is the 1-based line
 * where the record starts.
 *
 * <p>Nothing here throws on bad input or I/O failure: problems go to the issue consumer ({@code IO_ERROR} for a
 * file that cannot be read, after which the next file is read). Instances are immutable and thread-safe; the
 * streams they return are not, and must be closed.
 */
public final class EventReader {
    private final Limits limits;
    private final JsonRecordIterator.ReadSettings settings;

    /**
     * Safety limits against hostile or broken input. The defaults: nesting depth 200 (Windows event JSON nests
     * about 5 levels, deeply nested cloud audit records rarely exceed 30); 16 MiB per string (a PowerShell
     * script block is at most about 32 KB per event, with room for odd producers); 1,000 characters per number
     * (Jackson's own default); 64 MiB per record (several times the biggest string); 1 MiB characters kept per
     * string field: a longer value is cut to that length and its record marked {@link EventRecord#truncated()}
     * (matching then sees the first MiB, which holds every indicator a Sigma rule looks for in real events),
     * while a string beyond {@code maxStringChars} makes the whole record bad.
     */
    public record Limits(int maxDepth, int maxStringChars, int maxNumberChars, int maxRecordBytes, int maxFieldChars) {
        public static final Limits DEFAULTS = new Limits(200, 16 * 1024 * 1024, 1000, 64 * 1024 * 1024, 1024 * 1024);

        public Limits {
            if (maxDepth < 1 || maxStringChars < 1 || maxNumberChars < 1 || maxRecordBytes < 2 || maxFieldChars < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }

        /** Limits that never truncate a field below {@code maxStringChars}. */
        public Limits(int maxDepth, int maxStringChars, int maxNumberChars, int maxRecordBytes) {
            this(maxDepth, maxStringChars, maxNumberChars, maxRecordBytes, maxStringChars);
        }
    }

    private EventReader(Limits limits) {
        this.limits = limits;
        this.settings = new JsonRecordIterator.ReadSettings(limits.maxDepth(), limits.maxStringChars(),
                limits.maxNumberChars(), limits.maxRecordBytes(), limits.maxFieldChars());
    }

    /** A reader with {@link Limits#DEFAULTS}. */
    public static EventReader create() {
        return new EventReader(Limits.DEFAULTS);
    }

    public static EventReader create(Limits limits) {
        return new EventReader(Objects.requireNonNull(limits, "limits"));
    }

    public Limits limits() {
        return limits;
    }

    /**
     * The records of a file, or of every {@code .json}/{@code .jsonl}/{@code .ndjson} file below a directory
     * (sorted by path; a file given directly is read whatever its name). {@link EventRecord#source()} is the
     * file's path. Files are opened one at a time, lazily; close the stream to release the open one.
     */
    public Stream<EventRecord> read(Path path, Consumer<Issue> issues) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(issues, "issues");
        FilesIterator it = new FilesIterator(EventFiles.list(path, issues), issues);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(it::close);
    }

    /**
     * The records of {@code in}, named {@code source} in records and issues. Does not close {@code in}.
     */
    public Stream<EventRecord> read(InputStream in, String source, Consumer<Issue> issues) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(issues, "issues");
        Iterator<EventRecord> it = new JsonRecordIterator(in, source, settings, issues);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** Chains the files, opening each when the previous one is exhausted. */
    private final class FilesIterator implements Iterator<EventRecord> {
        private final Iterator<Path> files;
        private final Consumer<Issue> issues;
        private InputStream open;
        private Iterator<EventRecord> current;

        FilesIterator(List<Path> files, Consumer<Issue> issues) {
            this.files = files.iterator();
            this.issues = issues;
        }

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                close();
                if (!files.hasNext()) {
                    return false;
                }
                Path file = files.next();
                try {
                    open = Files.newInputStream(file);
                    current = new JsonRecordIterator(open, file.toString(), settings, issues);
                } catch (IOException | UncheckedIOException | SecurityException e) {
                    issues.accept(Issue.error(IssueCode.IO_ERROR, SourceLocation.of(file.toString(), 0, 0),
                            "cannot open: " + e.getMessage()));
                }
            }
            return true;
        }

        @Override
        public EventRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        void close() {
            current = null;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // nothing was written; a failed close of a read-only stream loses nothing
                }
                open = null;
            }
        }
    }
}
