package dev.edr.core.internal.response;

import dev.edr.core.response.AuditEntry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where audit entries go: a bounded in-memory trail, listeners, and an optional JSON-lines file. The journal is
 * the recovery record; this is the human one, so it is flushed per line but not fsynced.
 */
final class AuditTrail implements AutoCloseable {
    private final ArrayDeque<AuditEntry> recent = new ArrayDeque<>();
    private final int capacity;
    private final List<Consumer<AuditEntry>> listeners;
    private final BufferedWriter file;

    AuditTrail(int capacity, List<Consumer<AuditEntry>> listeners, Path path) {
        this.capacity = capacity;
        this.listeners = List.copyOf(listeners);
        try {
            this.file = path == null ? null : Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit log " + path, e);
        }
    }

    void record(AuditEntry entry) {
        synchronized (recent) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(entry);
        }
        if (file != null) {
            try {
                file.write(entry.toJson());
                file.newLine();
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("audit log write failed", e);
            }
        }
        for (Consumer<AuditEntry> l : listeners) {
            try {
                l.accept(entry);
            } catch (RuntimeException e) {
                // a broken listener must not stop response; the file and the in-memory trail still have it
            }
        }
    }

    List<AuditEntry> snapshot() {
        synchronized (recent) {
            return List.copyOf(new ArrayList<>(recent));
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException("audit log close failed", e);
            }
        }
    }
}
