package dev.edr.core.response;

import dev.edr.core.internal.response.DispatcherConfig;
import dev.edr.core.internal.response.DispatcherImpl;
import dev.edr.core.response.adapters.LoggingAdapter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Configures a {@link Dispatcher}. Defaults are the safe ones: logging adapters that touch nothing, an
 * in-memory journal (set {@link #journal} for crash recovery), 10 calls per second per adapter, a budget of 100
 * actions per 5 minutes, 4 attempts with exponential backoff from 500 ms (x2, max 30 s, jitter 0.5), a breaker
 * opening at 50% failures over 10 calls for 30 s, a dedup window of 1 hour, a queue of 1024 requests.
 */
public final class DispatcherBuilder {
    private HostIsolation isolation;
    private Remediation remediation;
    private PrivilegedAccess access;
    private Path journal;
    private boolean fsync = true;
    private Path auditLog;
    private final List<Consumer<AuditEntry>> listeners = new ArrayList<>();
    private int auditCapacity = 10_000;
    private boolean dryRun;
    private final Set<ActionType> approvalTypes = EnumSet.noneOf(ActionType.class);
    private ProtectedAssets protectedAssets = ProtectedAssets.NONE;
    private int budgetMax = 100;
    private Duration budgetWindow = Duration.ofMinutes(5);
    private DispatcherConfig.Rate defaultRate = new DispatcherConfig.Rate(10, Duration.ofSeconds(1));
    private final Map<String, DispatcherConfig.Rate> adapterRates = new HashMap<>();
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(500);
    private double multiplier = 2.0;
    private Duration maxBackoff = Duration.ofSeconds(30);
    private double jitter = 0.5;
    private int breakerWindow = 10;
    private float breakerFailureRate = 50f;
    private Duration breakerOpenFor = Duration.ofSeconds(30);
    private Duration attemptTimeout = Duration.ofSeconds(60);
    private Duration dedupWindow = Duration.ofHours(1);
    private boolean dedupAcrossRules;
    private int queueCapacity = 1024;
    private Duration drainTimeout = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();
    private Dispatcher.Scheduler scheduler;

    DispatcherBuilder() {}

    public DispatcherBuilder hostIsolation(HostIsolation adapter) {
        this.isolation = Objects.requireNonNull(adapter);
        return this;
    }

    public DispatcherBuilder remediation(Remediation adapter) {
        this.remediation = Objects.requireNonNull(adapter);
        return this;
    }

    public DispatcherBuilder privilegedAccess(PrivilegedAccess adapter) {
        this.access = Objects.requireNonNull(adapter);
        return this;
    }

    /** The append-only journal file (created if absent; locked while this dispatcher runs). */
    public DispatcherBuilder journal(Path path) {
        this.journal = path;
        return this;
    }

    /** Whether each journal line is forced to disk before the action proceeds (default true). */
    public DispatcherBuilder fsync(boolean fsync) {
        this.fsync = fsync;
        return this;
    }

    /** Appends every audit entry as a JSON line to this file. */
    public DispatcherBuilder auditLog(Path path) {
        this.auditLog = path;
        return this;
    }

    /** Called on the dispatcher's worker thread for every audit entry: keep it quick. */
    public DispatcherBuilder auditListener(Consumer<AuditEntry> listener) {
        listeners.add(Objects.requireNonNull(listener));
        return this;
    }

    public DispatcherBuilder auditCapacity(int entries) {
        this.auditCapacity = positive(entries, "auditCapacity");
        return this;
    }

    public DispatcherBuilder dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** These action types wait for {@link Dispatcher#approve} before they are dispatched. */
    public DispatcherBuilder requireApproval(ActionType... types) {
        approvalTypes.addAll(List.of(types));
        return this;
    }

    public DispatcherBuilder protectedAssets(ProtectedAssets assets) {
        this.protectedAssets = Objects.requireNonNull(assets);
        return this;
    }

    /** At most {@code maxActions} journaled actions per sliding {@code window}; the rest are suppressed. */
    public DispatcherBuilder budget(int maxActions, Duration window) {
        this.budgetMax = positive(maxActions, "maxActions");
        this.budgetWindow = positive(window, "window");
        return this;
    }

    /** The rate limit of every adapter without its own. */
    public DispatcherBuilder rateLimit(int permits, Duration period) {
        this.defaultRate = new DispatcherConfig.Rate(positive(permits, "permits"), positive(period, "period"));
        return this;
    }

    public DispatcherBuilder rateLimit(String adapterName, int permits, Duration period) {
        adapterRates.put(Objects.requireNonNull(adapterName),
                new DispatcherConfig.Rate(positive(permits, "permits"), positive(period, "period")));
        return this;
    }

    /** Attempts per action (first included) and the backoff between them: delay n = initial * multiplier^(n-1). */
    public DispatcherBuilder retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
            double jitter) {
        this.maxAttempts = positive(maxAttempts, "maxAttempts");
        this.initialBackoff = positive(initialBackoff, "initialBackoff");
        this.maxBackoff = positive(maxBackoff, "maxBackoff");
        if (multiplier < 1.0 || jitter < 0.0 || jitter >= 1.0) {
            throw new IllegalArgumentException("multiplier must be >= 1 and jitter in [0, 1)");
        }
        this.multiplier = multiplier;
        this.jitter = jitter;
        return this;
    }

    /** Per adapter: opens when {@code failureRatePercent} of the last {@code window} calls failed. */
    public DispatcherBuilder circuitBreaker(int window, float failureRatePercent, Duration openFor) {
        this.breakerWindow = positive(window, "window");
        if (failureRatePercent <= 0 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failureRatePercent must be in (0, 100]");
        }
        this.breakerFailureRate = failureRatePercent;
        this.breakerOpenFor = positive(openFor, "openFor");
        return this;
    }

    /** An attempt without an answer after this long counts as a transient failure. */
    public DispatcherBuilder attemptTimeout(Duration timeout) {
        this.attemptTimeout = positive(timeout, "timeout");
        return this;
    }

    public DispatcherBuilder dedupWindow(Duration window) {
        this.dedupWindow = positive(window, "window");
        return this;
    }

    /**
     * Whether the same action on the same target is one action whichever rule asks for it (default false: each
     * rule's request is an action of its own). When true, the idempotency key leaves the rule out, so a second
     * rule asking to isolate a host already isolated inside the dedup window is {@code suppressed_duplicate}: one
     * call per host instead of one per rule that fired in the incident, and one budget slot.
     */
    public DispatcherBuilder dedupAcrossRules(boolean acrossRules) {
        this.dedupAcrossRules = acrossRules;
        return this;
    }

    public DispatcherBuilder queueCapacity(int capacity) {
        this.queueCapacity = positive(capacity, "capacity");
        return this;
    }

    public DispatcherBuilder drainTimeout(Duration timeout) {
        this.drainTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    /** The clock for budgets, rate limits, breakers, journal and audit times. */
    public DispatcherBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Runs delayed work; default: a daemon thread owned by the dispatcher. */
    public DispatcherBuilder scheduler(Dispatcher.Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler);
        return this;
    }

    /**
     * Opens the journal (loading what earlier instances wrote) and starts the worker.
     *
     * @throws java.io.UncheckedIOException when the journal or audit log cannot be opened
     * @throws IllegalStateException when another dispatcher holds the journal
     */
    public Dispatcher build() {
        LoggingAdapter logging = LoggingAdapter.create();
        return DispatcherImpl.start(new DispatcherConfig(
                isolation != null ? isolation : logging, remediation != null ? remediation : logging,
                access != null ? access : logging, journal, fsync, auditLog, listeners, auditCapacity, dryRun,
                approvalTypes, protectedAssets, budgetMax, budgetWindow, defaultRate, adapterRates, maxAttempts,
                initialBackoff, multiplier, maxBackoff, jitter, breakerWindow, breakerFailureRate, breakerOpenFor,
                attemptTimeout, dedupWindow, queueCapacity, drainTimeout, clock, scheduler, dedupAcrossRules));
    }

    private static int positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
        return v;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + d);
        }
        return d;
    }
}
