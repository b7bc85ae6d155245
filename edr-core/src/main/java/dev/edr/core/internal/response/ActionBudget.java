package dev.edr.core.internal.response;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * At most {@code max} actions per sliding {@code window}: the brake against alert storms, where one noisy rule
 * would otherwise isolate half the fleet. Counts journaled actions, not suppressed ones.
 */
final class ActionBudget {
    private final int max;
    private final Duration window;
    private final ArrayDeque<Instant> spent = new ArrayDeque<>();

    ActionBudget(int max, Duration window) {
        this.max = max;
        this.window = window;
    }

    boolean tryConsume(Instant now) {
        expire(now);
        if (spent.size() >= max) {
            return false;
        }
        spent.addLast(now);
        return true;
    }

    /** Re-applies actions journaled by an earlier instance, so a restart does not reset the brake. */
    void restore(Instant at, Instant now) {
        if (at.isAfter(now.minus(window))) {
            spent.addLast(at);
        }
    }

    private void expire(Instant now) {
        Instant horizon = now.minus(window);
        while (!spent.isEmpty() && !spent.peekFirst().isAfter(horizon)) {
            spent.removeFirst();
        }
    }

    String describe() {
        return max + " actions per " + window;
    }
}
