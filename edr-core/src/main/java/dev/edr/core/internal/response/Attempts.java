package dev.edr.core.internal.response;

import dev.edr.core.response.ActionContext;
import dev.edr.core.response.ActionState;
import dev.edr.core.response.Outcome;
import dev.edr.core.response.ResponseAdapter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands tracked actions to adapters: rate limit, circuit breaker, journal the dispatch, call, then journal the
 * outcome or schedule a retry. Backoff delays come from resilience4j's retry (exponential, randomized); the
 * waiting is done by the dispatcher's scheduler so tests can drive it. Runs on the worker only.
 */
final class Attempts {
    private record Guard(RateLimit rate, CircuitBreaker breaker) {}

    private final DispatcherConfig cfg;
    private final Journal journal;
    private final Auditor audit;
    private final AdapterRouter router;
    private final WorkLoop loop;
    private final Counters counters;
    private final Retry retry;
    private final Map<String, Guard> guards = new HashMap<>();

    Attempts(DispatcherConfig cfg, Journal journal, Auditor audit, AdapterRouter router, WorkLoop loop,
            Counters counters) {
        this.cfg = cfg;
        this.journal = journal;
        this.audit = audit;
        this.router = router;
        this.loop = loop;
        this.counters = counters;
        this.retry = Retry.of("edr-response", RetryConfig.<Outcome>custom()
                .maxAttempts(cfg.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(cfg.initialBackoff(),
                        cfg.backoffMultiplier(), cfg.jitter(), cfg.maxBackoff()))
                .retryOnException(e -> true)
                .build());
    }

    void start(Tracked t) {
        t.retry = retry.asyncContext();
        dispatch(t);
    }

    private Guard guard(ResponseAdapter adapter) {
        return guards.computeIfAbsent(adapter.name(), name -> {
            DispatcherConfig.Rate r = cfg.adapterRates().getOrDefault(name, cfg.defaultRate());
            CircuitBreakerConfig bc = CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(cfg.breakerWindow())
                    .minimumNumberOfCalls(cfg.breakerWindow())
                    .failureRateThreshold(cfg.breakerFailureRatePercent())
                    .waitDurationInOpenState(cfg.breakerOpenFor())
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .automaticTransitionFromOpenToHalfOpenEnabled(false)
                    .clock(cfg.clock())
                    .build();
            return new Guard(new RateLimit(r.permits(), r.period()), CircuitBreaker.of(name, bc));
        });
    }

    /** Current breaker state of an adapter, for tests and stats. */
    CircuitBreaker.State breakerState(String adapterName) {
        Guard g = guards.get(adapterName);
        return g == null ? CircuitBreaker.State.CLOSED : g.breaker().getState();
    }

    private void dispatch(Tracked t) {
        ResponseAdapter adapter = router.adapterFor(t.request.action());
        Guard g = guard(adapter);
        Duration wait = g.rate().tryAcquire(cfg.clock().instant());
        if (!wait.isZero()) {
            // timers before audit entries, always: an entry announces work that is already scheduled
            loop.later(wait, () -> dispatch(t));
            if (!t.rateLimitAudited) {
                t.rateLimitAudited = true;
                audit.tracked(t, ActionState.RATE_LIMITED, "rate limit of " + adapter.name() + " reached; next permit in "
                        + wait.toMillis() + " ms", null, t.attempt, adapter.name());
            }
            return;
        }
        if (!g.breaker().tryAcquirePermission()) {
            failed(t, new IllegalStateException("circuit breaker of " + adapter.name() + " is open"), adapter);
            return;
        }
        int attempt = ++t.attempt;
        Clock clock = cfg.clock();
        journal.dispatched(t.key, attempt, clock.instant());
        counters.dispatched.incrementAndGet();
        long started = clock.millis();
        loop.begin();
        counters.inFlight.incrementAndGet();
        // the watchdog is armed before the attempt is audited: an entry announces work already scheduled
        loop.watchdog(cfg.attemptTimeout(), () -> complete(t, attempt, null,
                new TimeoutException("no answer from " + adapter.name() + " within " + cfg.attemptTimeout()), started,
                g, adapter));
        audit.tracked(t, ActionState.DISPATCHED, t.recovered ? "recovered after restart" : "", null, attempt,
                adapter.name());
        ActionContext ctx = new ActionContext(t.key, attempt, t.request.trigger().ruleKey(), t.recovered);
        CompletionStage<Outcome> stage;
        try {
            stage = router.call(t.request.action(), ctx);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            stage = CompletableFuture.failedFuture(new IllegalStateException(adapter.name() + " returned no stage"));
        }
        stage.whenComplete((outcome, error) -> loop.post(() -> complete(t, attempt, outcome, error, started, g,
                adapter)));
    }

    private void complete(Tracked t, int attempt, Outcome outcome, Throwable error, long started, Guard g,
            ResponseAdapter adapter) {
        if (t.closedAttempt >= attempt) {
            return; // the watchdog or the adapter already closed this attempt
        }
        t.closedAttempt = attempt;
        counters.inFlight.decrementAndGet();
        try {
            settle(t, attempt, outcome, error, started, g, adapter);
        } finally {
            loop.end(); // only now: whoever awaits idleness must see the outcome already journaled and audited
        }
    }

    private void settle(Tracked t, int attempt, Outcome outcome, Throwable error, long started, Guard g,
            ResponseAdapter adapter) {
        long took = Math.max(0, cfg.clock().millis() - started);
        if (error == null && outcome != null) {
            // a definitive FAILED outcome is the vendor answering: the adapter itself is healthy
            g.breaker().onSuccess(took, TimeUnit.MILLISECONDS);
            ActionState state = ActionState.of(outcome.status());
            journal.finished(t.key, state, outcome.reference(), outcome.detail(), cfg.clock().instant());
            (state == ActionState.FAILED ? counters.failed : counters.succeeded).incrementAndGet();
            audit.tracked(t, state, outcome.detail(), outcome.reference(), attempt, adapter.name());
            return;
        }
        Throwable cause = unwrap(error == null ? new IllegalStateException(adapter.name() + " completed with no outcome")
                : error);
        g.breaker().onError(took, TimeUnit.MILLISECONDS, cause);
        failed(t, cause, adapter);
    }

    private void failed(Tracked t, Throwable cause, ResponseAdapter adapter) {
        long delay = t.retry.onError(cause);
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (delay < 0) {
            journal.finished(t.key, ActionState.FAILED, null, "gave up: " + why, cfg.clock().instant());
            counters.failed.incrementAndGet();
            audit.tracked(t, ActionState.FAILED, "gave up: " + why, null, t.attempt, adapter.name());
            return;
        }
        loop.later(Duration.ofMillis(delay), () -> dispatch(t));
        audit.tracked(t, ActionState.RETRY_SCHEDULED, "retry in " + delay + " ms: " + why, null, t.attempt,
                adapter.name());
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
