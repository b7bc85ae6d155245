package dev.edr.core.response;

import dev.edr.core.response.ResponseAction.IsolateHost;
import dev.edr.core.response.ResponseAction.RotateCredential;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shared builders for dispatcher tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final Duration IDLE = Duration.ofSeconds(5);

    private Fixtures() {}

    static Trigger trigger(String rule, Instant at) {
        return Trigger.builder().rule(rule, "Rule " + rule, "high").tags(List.of("attack.credential_access"))
                .source("events.jsonl", 7).host("ws01").eventTime(at)
                .fields(Map.of("Computer", "ws01", "TargetUserName", "CORP\\admin1")).build();
    }

    static ActionRequest isolate(String host, String rule, Instant at) {
        return ActionRequest.of(new IsolateHost(host), trigger(rule, at));
    }

    static ActionRequest rotate(String account, String rule, Instant at) {
        return ActionRequest.of(new RotateCredential(account), trigger(rule, at));
    }

    /** A builder with the fake vendor behind every kind, manual time, the probe, and a journal in {@code dir}. */
    static DispatcherBuilder builder(FakeVendor vendor, ManualTime time, AuditProbe probe, Path dir) {
        return Dispatcher.builder().hostIsolation(vendor).remediation(vendor).privilegedAccess(vendor).clock(time)
                .scheduler(time).auditListener(probe).journal(dir.resolve("journal.jsonl"))
                .rateLimit(1_000, Duration.ofSeconds(1)).drainTimeout(Duration.ofSeconds(2));
    }
}
