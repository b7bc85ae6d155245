package dev.edr.core.internal.response;

import dev.edr.core.response.ActionRequest;
import dev.edr.core.response.ActionState;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.ResponsePlan;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The dispatcher's threads and queues. {@code submit} only counts and enqueues; one worker thread owns all action
 * state (see {@link RequestHandler} and {@link Attempts}). Requests count against the queue capacity; control
 * tasks (approvals, adapter callbacks, timers) do not, so a full queue never blocks an approval or an outcome.
 */
public final class DispatcherImpl implements Dispatcher, WorkLoop {
    private static final Runnable STOP = () -> { };

    private final DispatcherConfig cfg;
    // control work (outcomes, timers, approvals) runs before queued requests, so an outcome is journaled as
    // soon as it arrives rather than behind a backlog; each added task releases one permit of `signals`
    private final LinkedBlockingQueue<Runnable> control = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Runnable> intake = new LinkedBlockingQueue<>();
    private final Semaphore signals = new Semaphore(0);
    private final ArrayBlockingQueue<ActionRequest> dropped;
    private final Counters counters = new Counters();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Object idle = new Object();
    private final Journal journal;
    private final AuditTrail trail;
    private final Auditor audit;
    private final RequestHandler handler;
    private final Scheduler scheduler;
    private final ScheduledExecutorService ownScheduler;
    private final Thread worker;
    private volatile boolean closing;
    private volatile boolean dead;

    private DispatcherImpl(DispatcherConfig cfg) {
        this.cfg = cfg;
        this.dropped = new ArrayBlockingQueue<>(Math.max(1024, cfg.queueCapacity()));
        this.journal = Journal.open(cfg.journal(), cfg.fsync());
        try {
            this.trail = new AuditTrail(cfg.auditCapacity(), cfg.listeners(), cfg.auditLog());
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        this.audit = new Auditor(trail, cfg.clock());
        AdapterRouter router = new AdapterRouter(cfg.isolation(), cfg.remediation(), cfg.access());
        Attempts attempts = new Attempts(cfg, journal, audit, router, this, counters);
        this.handler = new RequestHandler(cfg, journal, audit, attempts, counters);
        if (cfg.scheduler() != null) {
            this.scheduler = cfg.scheduler();
            this.ownScheduler = null;
        } else {
            this.ownScheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "edr-response-timer"));
            this.scheduler = (delay, task) -> ownScheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        this.worker = daemon(this::run, "edr-response");
        worker.setUncaughtExceptionHandler((t, e) -> System.getLogger("dev.edr.response").log(
                System.Logger.Level.ERROR, "response dispatcher stopped by a fatal error; its journal is left for"
                        + " the next dispatcher to recover", e));
    }

    public static Dispatcher start(DispatcherConfig cfg) {
        DispatcherImpl d = new DispatcherImpl(Objects.requireNonNull(cfg));
        d.worker.start();
        return d;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void run() {
        try {
            while (true) {
                signals.acquire();
                Runnable task = control.poll();
                if (task == null) {
                    task = intake.poll();
                }
                if (task == STOP) {
                    return;
                }
                task.run();
                drainDropped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error fatal) {
            // like a crash: stop touching the journal; the next dispatcher recovers what it says
            try {
                journal.close(); // before `dead` is visible, so a successor never finds the journal still locked
            } finally {
                dead = true;
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
            throw fatal;
        }
    }

    // ---- WorkLoop (used by the parts running on the worker) ----

    private void enqueue(LinkedBlockingQueue<Runnable> queue, Runnable task) {
        queue.add(task);
        signals.release();
    }

    @Override
    public void post(Runnable task) {
        enqueue(control, guarded(task, false));
    }

    @Override
    public void later(Duration delay, Runnable task) {
        begin();
        scheduler.schedule(delay, () -> enqueue(control, guarded(task, true)));
    }

    @Override
    public void watchdog(Duration delay, Runnable task) {
        scheduler.schedule(delay, () -> enqueue(control, guarded(task, false)));
    }

    @Override
    public void begin() {
        outstanding.incrementAndGet();
    }

    @Override
    public void end() {
        if (outstanding.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Wraps worker work: a RuntimeException in one action must not stop the others. */
    private Runnable guarded(Runnable task, boolean counted) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                internalError(e);
            } finally {
                if (counted) {
                    end();
                }
            }
        };
    }

    private void internalError(RuntimeException e) {
        System.getLogger("dev.edr.response").log(System.Logger.Level.ERROR, "response dispatcher task failed", e);
    }

    // ---- Dispatcher ----

    @Override
    public String keyOf(ActionRequest request) {
        return handler.keyOf(request);
    }

    @Override
    public boolean submit(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        counters.submitted.incrementAndGet();
        boolean admitted = !closing && counters.queued.incrementAndGet() <= cfg.queueCapacity();
        if (!admitted) {
            if (!closing) {
                counters.queued.decrementAndGet();
            }
            counters.droppedOverflow.incrementAndGet();
            // the audit entry is written by the worker; past the notice buffer, only the count tells
            dropped.offer(request);
            return false;
        }
        begin();
        enqueue(intake, guarded(() -> {
            counters.queued.decrementAndGet();
            handler.onRequest(request);
        }, true));
        return true;
    }

    @Override
    public void submit(ResponsePlan plan) {
        for (ActionRequest r : plan.requests()) {
            submit(r);
        }
        if (!plan.skipped().isEmpty()) {
            control(() -> {
                plan.skipped().forEach(audit::skipped);
                return null;
            });
        }
    }

    private void drainDropped() {
        ActionRequest r;
        while ((r = dropped.poll()) != null) {
            audit.request(r, handler.keyOf(r), ActionState.DROPPED_OVERFLOW,
                    "queue of " + cfg.queueCapacity() + " requests full");
        }
    }

    @Override
    public boolean approve(String key, String who) {
        Objects.requireNonNull(who, "who");
        return Boolean.TRUE.equals(control(() -> handler.approve(key, who)));
    }

    @Override
    public boolean reject(String key, String who) {
        Objects.requireNonNull(who, "who");
        return Boolean.TRUE.equals(control(() -> handler.reject(key, who)));
    }

    @Override
    public List<PendingApproval> pendingApprovals() {
        return handler.pendingApprovals();
    }

    @Override
    public RecoveryReport recover() {
        RecoveryReport r = control(handler::recover);
        return r != null ? r : new RecoveryReport(List.of(), List.of(), 0);
    }

    /** Runs {@code work} on the worker and waits for its result; {@code null} when the worker is gone. */
    private <T> T control(Supplier<T> work) {
        if (Thread.currentThread() == worker) {
            return work.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        begin();
        enqueue(control, guarded(() -> result.complete(work.get()), true));
        try {
            return result.get(Math.max(1, cfg.drainTimeout().toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    @Override
    public List<AuditEntry> audit() {
        return trail.snapshot();
    }

    @Override
    public Stats stats() {
        return new Stats(counters.submitted.get(), counters.droppedOverflow.get(), Math.max(0, counters.queued.get()),
                counters.inFlight.get(), handler.awaitingApproval(), counters.dispatched.get(),
                counters.succeeded.get(), counters.failed.get(), counters.suppressed.get(),
                worker.isAlive() && !dead && !closing);
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (outstanding.get() > 0 && !dead) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return !dead;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        try {
            awaitIdle(cfg.drainTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        enqueue(control, STOP);
        try {
            worker.join(Math.max(1, cfg.drainTimeout().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        if (!dead) {
            journal.close();
        }
        trail.close();
    }
}
