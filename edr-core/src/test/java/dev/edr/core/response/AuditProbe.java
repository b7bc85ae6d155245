package dev.edr.core.response;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects audit entries as the worker emits them and lets a test wait for one (bounded, no fixed sleeps). */
final class AuditProbe implements Consumer<AuditEntry> {
    private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void accept(AuditEntry e) {
        entries.add(e);
        synchronized (this) {
            notifyAll();
        }
    }

    List<AuditEntry> entries() {
        return List.copyOf(entries);
    }

    List<ActionState> states(String key) {
        return entries.stream().filter(e -> key.equals(e.key())).map(AuditEntry::state).toList();
    }

    long count(ActionState state) {
        return entries.stream().filter(e -> e.state() == state).count();
    }

    AuditEntry await(String key, ActionState state) {
        return await(e -> key.equals(e.key()) && e.state() == state, key + " " + state);
    }

    /** Waits until {@code n} entries have {@code state}. */
    void awaitCount(ActionState state, long n) {
        await(e -> count(state) >= n, n + " x " + state);
    }

    synchronized AuditEntry await(Predicate<AuditEntry> p, String what) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            for (AuditEntry e : entries) {
                if (p.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no audit entry " + what + " in " + entries);
            }
            try {
                wait(left);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }
}
