package dev.edr.core.response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and a scheduler that move only when the test says so: backoff and windows without sleeping. */
final class ManualTime extends Clock implements Dispatcher.Scheduler {
    record Timer(Instant due, Duration delay, Runnable task) {}

    private Instant now;
    private final List<Timer> timers = new ArrayList<>();

    ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        timers.add(new Timer(now.plus(delay), delay, task));
    }

    /** Timers not yet run, soonest first. */
    synchronized List<Timer> timers() {
        return timers.stream().sorted(Comparator.comparing(Timer::due)).toList();
    }

    /** Delays of the pending timers shorter than {@code limit}: the retries and deferrals, not the watchdogs. */
    synchronized List<Duration> pendingDelaysUnder(Duration limit) {
        return timers.stream().map(Timer::delay).filter(d -> d.compareTo(limit) < 0).toList();
    }

    /** Moves time and runs every timer now due, in due order. */
    void advance(Duration d) {
        List<Timer> due;
        synchronized (this) {
            now = now.plus(d);
            due = timers.stream().filter(t -> !t.due().isAfter(now)).sorted(Comparator.comparing(Timer::due)).toList();
            timers.removeAll(due);
        }
        due.forEach(t -> t.task().run());
    }
}
