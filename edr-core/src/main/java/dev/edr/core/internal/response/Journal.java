package dev.edr.core.internal.response;

import dev.edr.core.response.ActionRequest;
import dev.edr.core.response.ActionState;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.ResponseAction;
import dev.edr.core.response.Trigger;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only action journal: one JSON object per line, {@code intent -> [approved] -> dispatched* ->
 * finished}. Written before the effect it describes (an intent before any adapter call, a dispatch before the call)
 * so that after a crash the journal over-states rather than under-states what may have happened. Lines are
 * fsynced when asked. A torn last line (power loss mid-write) is skipped on load and counted.
 */
final class Journal implements Closeable {
    /** What the journal says about one key. */
    static final class Entry {
        final String key;
        final String base;
        final ActionRequest request;
        final boolean approval;
        final boolean dryRun;
        final Instant eventTime;
        final Instant time;
        String approvedBy;
        int lastAttempt;
        String finished;

        Entry(String key, String base, ActionRequest request, boolean approval, boolean dryRun, Instant eventTime,
                Instant time) {
            this.key = key;
            this.base = base;
            this.request = request;
            this.approval = approval;
            this.dryRun = dryRun;
            this.eventTime = eventTime;
            this.time = time;
        }
    }

    record Loaded(Map<String, Entry> entries, int unreadableLines) {}

    private final FileChannel channel;
    private final FileLock lock;
    private final boolean fsync;
    private final Loaded loaded;

    private Journal(FileChannel channel, FileLock lock, boolean fsync, Loaded loaded) {
        this.channel = channel;
        this.lock = lock;
        this.fsync = fsync;
        this.loaded = loaded;
    }

    /** A journal on {@code path}, or an in-memory one (no recovery across restarts) when {@code path} is null. */
    static Journal open(Path path, boolean fsync) {
        if (path == null) {
            return new Journal(null, null, false, new Loaded(new LinkedHashMap<>(), 0));
        }
        try {
            Loaded loaded = Files.exists(path) ? load(Files.readAllLines(path, StandardCharsets.UTF_8))
                    : new Loaded(new LinkedHashMap<>(), 0);
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new IllegalStateException("journal " + path + " is in use by another dispatcher");
            }
            Journal j = new Journal(ch, lock, fsync, loaded);
            j.terminateTornLine(path);
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + path, e);
        }
    }

    Loaded loaded() {
        return loaded;
    }

    void intent(Tracked t, Instant now) {
        Map<String, Object> r = record("intent", t.key, now);
        r.put("base", t.base);
        r.put("type", t.request.action().type().wireName());
        r.put("params", t.request.action().params());
        Trigger tr = t.request.trigger();
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", tr.ruleId());
        rule.put("name", tr.ruleName());
        rule.put("title", tr.ruleTitle());
        rule.put("level", tr.level());
        r.put("rule", rule);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("file", tr.sourceFile());
        event.put("index", tr.sourceIndex());
        event.put("host", tr.host());
        event.put("time", t.eventTime.toString());
        r.put("event", event);
        r.put("reason", t.request.reason());
        r.put("approval", t.approvalRequired);
        r.put("dry_run", t.dryRun);
        append(r);
    }

    void approved(String key, String who, Instant now) {
        Map<String, Object> r = record("approved", key, now);
        r.put("by", who);
        append(r);
    }

    void dispatched(String key, int attempt, Instant now) {
        Map<String, Object> r = record("dispatched", key, now);
        r.put("attempt", attempt);
        append(r);
    }

    void finished(String key, ActionState state, String reference, String detail, Instant now) {
        Map<String, Object> r = record("finished", key, now);
        r.put("state", state.wireName());
        r.put("reference", reference);
        r.put("detail", detail);
        append(r);
    }

    private static Map<String, Object> record(String kind, String key, Instant now) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rec", kind);
        r.put("key", key);
        r.put("time", now.toString());
        return r;
    }

    private void append(Map<String, Object> record) {
        if (channel == null) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap((Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal write failed", e);
        }
    }

    private void terminateTornLine(Path path) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        try (FileChannel r = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            r.read(last, size - 1);
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
        }
    }

    static Loaded load(List<String> lines) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        int bad = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                apply(entries, Json.readObject(line));
            } catch (RuntimeException e) {
                bad++;
            }
        }
        return new Loaded(entries, bad);
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Entry> entries, Map<String, Object> r) {
        String key = Json.string(r, "key");
        String kind = Json.string(r, "rec");
        if (key == null || kind == null) {
            throw new IllegalArgumentException("record without key");
        }
        if (kind.equals("intent")) {
            ActionType type = ActionType.fromWireName(Json.string(r, "type")).orElseThrow();
            Map<String, String> params = new LinkedHashMap<>();
            ((Map<String, Object>) r.get("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
            Map<String, Object> rule = (Map<String, Object>) r.get("rule");
            Map<String, Object> event = (Map<String, Object>) r.get("event");
            Instant eventTime = Instant.parse(Json.string(event, "time"));
            Object index = event.get("index");
            Trigger trigger = Trigger.builder()
                    .rule(Json.string(rule, "id"), Json.string(rule, "title"), Json.string(rule, "level"))
                    .ruleName(Json.string(rule, "name"))
                    .source(Json.string(event, "file"), index instanceof Number n ? n.longValue() : -1)
                    .host(Json.string(event, "host")).eventTime(eventTime).build();
            ActionRequest request = new ActionRequest(ResponseAction.of(type, params), trigger,
                    Json.string(r, "reason"), Boolean.TRUE.equals(r.get("approval")), Boolean.TRUE.equals(r.get("dry_run")));
            entries.put(key, new Entry(key, Json.string(r, "base"), request, request.requireApproval(),
                    request.dryRun(), eventTime, Instant.parse(Json.string(r, "time"))));
            return;
        }
        Entry e = entries.get(key);
        if (e == null) {
            throw new IllegalArgumentException("record for unknown key " + key);
        }
        switch (kind) {
            case "approved" -> e.approvedBy = Json.string(r, "by");
            case "dispatched" -> e.lastAttempt = Math.max(e.lastAttempt, ((Number) r.get("attempt")).intValue());
            case "finished" -> e.finished = Json.string(r, "state");
            default -> throw new IllegalArgumentException("unknown record " + kind);
        }
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("journal close failed", e);
        }
    }
}
