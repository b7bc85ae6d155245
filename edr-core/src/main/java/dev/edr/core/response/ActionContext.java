package dev.edr.core.response;

import java.util.Objects;

/**
 * What an adapter learns besides the action itself. {@code key} is the idempotency key: the same action may reach
 * an adapter twice after a crash (once before, once on recovery), so adapters pass the key on to the vendor (for
 * example as an {@code Idempotency-Key} header) or dedupe on it themselves. {@code attempt} counts from 1.
 */
public record ActionContext(String key, int attempt, String ruleId, boolean recovered) {
    public ActionContext {
        Objects.requireNonNull(key, "key");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1: " + attempt);
        }
    }
}
