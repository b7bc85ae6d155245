package dev.edr.cli;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads event sources, normalizes each record, evaluates it and hands every detection to a sink. Bad records
 * are reported on {@code err} and skipped; the scan goes on. Prints progress on long runs.
 */
final class EventScanner {
    /**
     * Receives each detection. {@code current} is the record being evaluated when the detection came out, or
     * {@code null} for correlations released at the end of the input; a correlation's own source is
     * {@code detection.correlation().source()}.
     */
    interface Sink {
        void accept(EventRecord current, Detection detection);
    }

    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final EventReader reader;
    private final EventNormalizer normalizer;
    private final PrintWriter err;
    private final boolean progress;
    private final ScanStats stats = new ScanStats();
    private long lastProgress = System.nanoTime();

    EventScanner(EventNormalizer normalizer, PrintWriter err, boolean progress) {
        this(EventReader.Limits.DEFAULTS, normalizer, err, progress);
    }

    EventScanner(EventReader.Limits limits, EventNormalizer normalizer, PrintWriter err, boolean progress) {
        this.reader = EventReader.create(limits);
        this.normalizer = normalizer;
        this.err = err;
        this.progress = progress;
    }

    ScanStats stats() {
        return stats;
    }

    /** Scans the paths in one session, so correlations span files. */
    void scan(Engine engine, List<Path> paths, Sink sink) {
        try (EngineSession session = engine.newSession()) {
            for (Path p : paths) {
                countFiles(p);
                try (Stream<EventRecord> records = reader.read(p, this::badRecord)) {
                    records.forEach(r -> evaluate(session, r, sink));
                }
            }
            finish(session, sink);
        }
    }

    void scan(Engine engine, InputStream in, String source, Sink sink) {
        stats.files++;
        try (EngineSession session = engine.newSession();
                Stream<EventRecord> records = reader.read(in, source, this::badRecord)) {
            records.forEach(r -> evaluate(session, r, sink));
            finish(session, sink);
        }
    }

    private void finish(EngineSession session, Sink sink) {
        for (Detection d : session.flush()) {
            stats.detection(d.level());
            sink.accept(null, d);
        }
        for (Issue warning : session.warnings()) {
            err.println("edr scan: " + IssueText.render(warning));
        }
    }

    private void evaluate(EngineSession session, EventRecord record, Sink sink) {
        stats.events++;
        Event event;
        try {
            event = normalizer.normalize(record.json());
        } catch (RuntimeException e) {
            // normalizers are written not to throw; if one does, the record is bad, not the scan
            badRecord(Issue.error(IssueCode.BAD_RECORD, new SourceLocation(record.source(), (int) Math.min(record.line(), Integer.MAX_VALUE), 1),
                    "record " + record.index() + " could not be normalized: " + e));
            return;
        }
        for (Detection d : session.evaluate(event, new EventRef(record.source(), record.index()))) {
            stats.detection(d.level());
            sink.accept(record, d);
        }
        maybeProgress();
    }

    private void badRecord(Issue issue) {
        if (issue.code() == IssueCode.BAD_RECORD) {
            stats.badRecords++;
        }
        err.println("edr scan: " + IssueText.render(truncate(issue)));
    }

    private static Issue truncate(Issue i) {
        String c = i.context();
        return c.length() <= 200 ? i : i.withContext(c.substring(0, 200) + "…");
    }

    private void maybeProgress() {
        if (!progress) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            err.println(String.format(Locale.ROOT, "edr scan: %,d events, %,d detections so far (%.0f s)", stats.events,
                    stats.detections, stats.seconds()));
        }
    }

    private void countFiles(Path p) {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                stats.files += (int) s.filter(Files::isRegularFile).filter(f -> {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
                }).count();
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // the reader reports unreadable directories itself
            }
        } else {
            stats.files++;
        }
    }

    /** Consumer adapter so callers can route their own issues through the same renderer. */
    Consumer<Issue> issueSink() {
        return this::badRecord;
    }
}
