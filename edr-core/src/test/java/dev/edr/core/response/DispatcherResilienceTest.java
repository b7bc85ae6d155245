package dev.edr.core.response;

import static dev.edr.core.response.Fixtures.IDLE;
import static dev.edr.core.response.Fixtures.T0;
import static dev.edr.core.response.Fixtures.isolate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherResilienceTest {
    private static final Duration SHORT = Duration.ofSeconds(59); // below the attempt watchdog

    @TempDir Path dir;
    final ManualTime time = new ManualTime(T0);
    final FakeVendor vendor = new FakeVendor();
    final AuditProbe probe = new AuditProbe();

    DispatcherBuilder builder() {
        return Fixtures.builder(vendor, time, probe, dir);
    }

    @Test
    void transientFailuresAreRetriedWithExponentialBackoffAndJitter() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        vendor.behaviour = (a, c) -> calls.incrementAndGet() < 4
                ? CompletableFuture.failedFuture(new UncheckedIOException(new IOException("503 from console")))
                : CompletableFuture.completedFuture(vendor.doIt(c));
        try (Dispatcher d = builder().retry(5, Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0.5).build()) {
            ActionRequest r = isolate("ws01", "r1", T0);
            String key = d.keyOf(r);
            d.submit(r);
            for (int retry = 1; retry <= 3; retry++) {
                probe.awaitCount(ActionState.RETRY_SCHEDULED, retry);
                List<Duration> delays = time.pendingDelaysUnder(SHORT);
                assertThat(delays).hasSize(1);
                long base = 100L << (retry - 1); // 100, 200, 400 ms
                assertThat(delays.get(0).toMillis()).isBetween(base / 2, base * 3 / 2);
                time.advance(delays.get(0));
            }
            probe.await(key, ActionState.SUCCEEDED);
            assertThat(vendor.calls).extracting(c -> c.context().attempt()).containsExactly(1, 2, 3, 4);
            assertThat(vendor.calls).extracting(c -> c.context().key()).containsOnly(key);
            assertThat(probe.await(key, ActionState.RETRY_SCHEDULED).detail()).contains("503 from console");
        }
    }

    @Test
    void retriesStopAfterMaxAttemptsAndTheActionFails() throws Exception {
        vendor.behaviour = (a, c) -> CompletableFuture.failedFuture(new IllegalStateException("console down"));
        try (Dispatcher d = builder().retry(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(1), 0.0).build()) {
            ActionRequest r = isolate("ws01", "r1", T0);
            d.submit(r);
            for (int i = 1; i <= 2; i++) {
                probe.awaitCount(ActionState.RETRY_SCHEDULED, i);
                time.advance(Duration.ofSeconds(1));
            }
            AuditEntry failed = probe.await(d.keyOf(r), ActionState.FAILED);
            assertThat(failed.detail()).contains("gave up", "console down");
            assertThat(vendor.calls).hasSize(3);
            assertThat(d.awaitIdle(IDLE)).isTrue();
        }
    }

    @Test
    void aDefinitiveFailedOutcomeIsNotRetried() throws Exception {
        vendor.behaviour = (a, c) -> CompletableFuture.completedFuture(Outcome.failed("no such host"));
        try (Dispatcher d = builder().build()) {
            d.submit(isolate("ws404", "r1", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).hasSize(1);
            assertThat(probe.count(ActionState.RETRY_SCHEDULED)).isZero();
            assertThat(probe.count(ActionState.FAILED)).isEqualTo(1);
        }
    }

    @Test
    void anUnansweredAttemptTimesOutAndIsRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        vendor.behaviour = (a, c) -> calls.incrementAndGet() == 1 ? new CompletableFuture<>()
                : CompletableFuture.completedFuture(vendor.doIt(c));
        try (Dispatcher d = builder().attemptTimeout(Duration.ofSeconds(5))
                .retry(2, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0.0).build()) {
            ActionRequest r = isolate("ws01", "r1", T0);
            d.submit(r);
            probe.await(d.keyOf(r), ActionState.DISPATCHED);
            time.advance(Duration.ofSeconds(5));
            probe.await(d.keyOf(r), ActionState.RETRY_SCHEDULED);
            time.advance(Duration.ofMillis(10));
            probe.await(d.keyOf(r), ActionState.SUCCEEDED);
            assertThat(probe.await(d.keyOf(r), ActionState.RETRY_SCHEDULED).detail()).contains("no answer");
        }
    }

    @Test
    void circuitBreakerOpensOnFailuresAndRecoversAfterTheOpenPeriod() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(false);
        vendor.behaviour = (a, c) -> healthy.get() ? CompletableFuture.completedFuture(vendor.doIt(c))
                : CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
        try (Dispatcher d = builder().retry(1, Duration.ofMillis(10), 1.0, Duration.ofMillis(10), 0.0)
                .circuitBreaker(3, 50f, Duration.ofSeconds(30)).build()) {
            for (int i = 0; i < 3; i++) {
                d.submit(isolate("ws" + i, "r1", T0));
            }
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).hasSize(3);

            // open: the next actions fail fast without reaching the adapter
            d.submit(isolate("ws3", "r1", T0));
            d.submit(isolate("ws4", "r1", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).hasSize(3);
            assertThat(probe.entries()).filteredOn(e -> e.state() == ActionState.FAILED)
                    .extracting(AuditEntry::detail).filteredOn(s -> s.contains("circuit breaker of fake is open"))
                    .hasSize(2);

            // after the open period one trial call goes through; it succeeds, so the breaker closes again
            healthy.set(true);
            time.advance(Duration.ofSeconds(31));
            d.submit(isolate("ws5", "r1", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            d.submit(isolate("ws6", "r1", T0));
            d.submit(isolate("ws7", "r1", T0));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).hasSize(6);
            assertThat(probe.count(ActionState.SUCCEEDED)).isEqualTo(3);
        }
    }

    @Test
    void rateLimitDefersActionsBeyondThePermitsUntilTheNextWindow() throws Exception {
        try (Dispatcher d = builder().rateLimit("fake", 2, Duration.ofMinutes(1)).build()) {
            for (int i = 0; i < 5; i++) {
                d.submit(isolate("ws" + i, "r1", T0));
            }
            probe.awaitCount(ActionState.RATE_LIMITED, 3);
            probe.awaitCount(ActionState.SUCCEEDED, 2);
            assertThat(vendor.calls).hasSize(2);
            assertThat(d.stats().failed()).isZero();

            time.advance(Duration.ofMinutes(1));
            probe.awaitCount(ActionState.SUCCEEDED, 4);
            time.advance(Duration.ofMinutes(1));
            assertThat(d.awaitIdle(IDLE)).isTrue();
            assertThat(vendor.calls).hasSize(5);
            assertThat(probe.count(ActionState.RATE_LIMITED)).isEqualTo(3); // one notice per action, not per retry
        }
    }
}
