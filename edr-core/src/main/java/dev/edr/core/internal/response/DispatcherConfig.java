package dev.edr.core.internal.response;

import dev.edr.core.response.ActionType;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.HostIsolation;
import dev.edr.core.response.PrivilegedAccess;
import dev.edr.core.response.ProtectedAssets;
import dev.edr.core.response.Remediation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Everything {@link dev.edr.core.response.DispatcherBuilder} collected, validated there. Not API. */
public record DispatcherConfig(
        HostIsolation isolation,
        Remediation remediation,
        PrivilegedAccess access,
        Path journal,
        boolean fsync,
        Path auditLog,
        List<Consumer<AuditEntry>> listeners,
        int auditCapacity,
        boolean dryRun,
        Set<ActionType> approvalTypes,
        ProtectedAssets protectedAssets,
        int budgetMax,
        Duration budgetWindow,
        Rate defaultRate,
        Map<String, Rate> adapterRates,
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        Duration maxBackoff,
        double jitter,
        int breakerWindow,
        float breakerFailureRatePercent,
        Duration breakerOpenFor,
        Duration attemptTimeout,
        Duration dedupWindow,
        int queueCapacity,
        Duration drainTimeout,
        Clock clock,
        Dispatcher.Scheduler scheduler,
        boolean dedupAcrossRules) {

    public record Rate(int permits, Duration period) {}

    public DispatcherConfig {
        listeners = List.copyOf(listeners);
        approvalTypes = Set.copyOf(approvalTypes);
        adapterRates = Map.copyOf(adapterRates);
    }
}
