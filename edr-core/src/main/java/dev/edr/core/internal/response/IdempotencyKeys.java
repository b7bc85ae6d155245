package dev.edr.core.internal.response;

import dev.edr.core.response.ActionRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Deterministic idempotency keys: SHA-256 of action type, canonical target, rule (unless deduplicating across
 * rules) and the dedup-window bucket of the event time. The same detection replayed (after a restart, or by a second pass over the same events) yields
 * the same key; the vendor sees it too and can dedupe on its side.
 */
final class IdempotencyKeys {
    private IdempotencyKeys() {}

    /** Type, target and rule (or type and target, across rules): the identity dedup compares inside the window. */
    static String base(ActionRequest r, boolean acrossRules) {
        String base = r.action().type().wireName() + "|" + r.action().target();
        return acrossRules ? base : base + "|" + r.trigger().ruleKey();
    }

    static String key(String base, Instant eventTime, Duration window) {
        long bucket = Math.floorDiv(eventTime.toEpochMilli(), Math.max(1, window.toMillis()));
        return sha256(base + "|" + bucket).substring(0, 32);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
