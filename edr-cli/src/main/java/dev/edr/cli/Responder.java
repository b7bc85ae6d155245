package dev.edr.cli;

import dev.edr.core.engine.Detection;
import dev.edr.core.event.EventRecord;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.DispatcherBuilder;
import dev.edr.core.response.Playbook;
import dev.edr.core.response.Playbooks;
import dev.edr.core.rule.RulePack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The response side of a scan: each detection becomes a trigger, the playbooks plan its actions, the dispatcher
 * decides and carries them out on its own thread. The audit trail is kept (up to a bound) to be printed after the
 * detections.
 */
final class Responder implements EventScanner.Sink, AutoCloseable {
    /** Entries kept for printing; a longer trail belongs in the audit log file. */
    static final int MAX_TRAIL = 100_000;

    private final Dispatcher dispatcher;
    private final Playbooks playbooks;
    private final Triggers triggers;
    private final List<AutoCloseable> resources;
    private final Trail trail;

    private Responder(Dispatcher dispatcher, Playbooks playbooks, Triggers triggers, List<AutoCloseable> resources,
            Trail trail) {
        this.dispatcher = dispatcher;
        this.playbooks = playbooks;
        this.triggers = triggers;
        this.resources = resources;
        this.trail = trail;
    }

    /**
     * Starts the dispatcher that {@code builder} describes, with this responder's audit listener.
     *
     * @param resources closed after the dispatcher (adapter connections)
     */
    static Responder start(DispatcherBuilder builder, List<Playbook> playbooks, RulePack pack,
            List<AutoCloseable> resources) {
        Trail trail = new Trail();
        // a large intake queue: a scan outpaces any adapter, and the CLI would rather hold requests than drop them
        Dispatcher d = builder.queueCapacity(65_536).auditListener(trail::record).build();
        return new Responder(d, Playbooks.of(playbooks), new Triggers(pack), resources, trail);
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    /** Written by the dispatcher's worker, read by the command's thread. */
    private static final class Trail {
        private final List<AuditEntry> entries = new ArrayList<>();
        private long omitted;

        synchronized void record(AuditEntry e) {
            if (entries.size() < MAX_TRAIL) {
                entries.add(e);
            } else {
                omitted++;
            }
        }

        synchronized List<AuditEntry> entries() {
            return List.copyOf(entries);
        }

        synchronized long omitted() {
            return omitted;
        }
    }

    @Override
    public void accept(EventRecord current, Detection d) {
        dispatcher.submit(playbooks.plan(triggers.of(current, d)));
    }

    /** Waits until every action is decided and no attempt is outstanding; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) {
        try {
            return dispatcher.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The audit trail so far, oldest first. */
    List<AuditEntry> trail() {
        return trail.entries();
    }

    /** Entries left out of {@link #trail()} because it reached {@link #MAX_TRAIL}. */
    long omitted() {
        return trail.omitted();
    }

    @Override
    public void close() {
        dispatcher.close();
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception e) {
                // shutting down: the journal already holds every decision
            }
        }
    }
}
