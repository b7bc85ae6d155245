package dev.edr.core.internal.response;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code permits} calls per {@code period} for one adapter, on the dispatcher's clock (so tests can move time).
 * Fixed windows, the same model as resilience4j's limiter, whose timing cannot be driven by a test clock.
 */
final class RateLimit {
    private final int permits;
    private final Duration period;
    private Instant windowStart;
    private int used;

    RateLimit(int permits, Duration period) {
        this.permits = permits;
        this.period = period;
    }

    /** {@link Duration#ZERO} when a permit was taken, else how long until the next window opens. */
    Duration tryAcquire(Instant now) {
        if (windowStart == null || !now.isBefore(windowStart.plus(period))) {
            windowStart = now;
            used = 0;
        }
        if (used < permits) {
            used++;
            return Duration.ZERO;
        }
        return Duration.between(now, windowStart.plus(period));
    }
}
