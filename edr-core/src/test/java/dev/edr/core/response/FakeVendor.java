package dev.edr.core.response;

import dev.edr.core.response.ResponseAction.DisableAccount;
import dev.edr.core.response.ResponseAction.EnableAccount;
import dev.edr.core.response.ResponseAction.IsolateHost;
import dev.edr.core.response.ResponseAction.KillProcess;
import dev.edr.core.response.ResponseAction.QuarantineFile;
import dev.edr.core.response.ResponseAction.ReleaseHost;
import dev.edr.core.response.ResponseAction.RestoreFile;
import dev.edr.core.response.ResponseAction.RevertRegistry;
import dev.edr.core.response.ResponseAction.RevokePrivilege;
import dev.edr.core.response.ResponseAction.RollbackFile;
import dev.edr.core.response.ResponseAction.RotateCredential;
import dev.edr.core.response.ResponseAction.TerminateSessions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A test adapter for every kind. Records each call; {@code effects} counts, per idempotency key, how often the
 * "vendor" was asked to perform the action (it performs only the first, the way a vendor API with idempotency
 * keys dedupes). Behaviour per call is scripted by {@link #behaviour}.
 */
final class FakeVendor implements HostIsolation, Remediation, PrivilegedAccess {
    record Call(ResponseAction action, ActionContext context) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Integer> effects;
    private final String name;
    volatile BiFunction<ResponseAction, ActionContext, CompletionStage<Outcome>> behaviour;

    FakeVendor() {
        this("fake", new ConcurrentHashMap<>());
    }

    /** A second adapter instance in front of the same vendor state (after a restart). */
    FakeVendor(String name, Map<String, Integer> effects) {
        this.name = name;
        this.effects = effects;
        this.behaviour = (a, c) -> CompletableFuture.completedFuture(doIt(c));
    }

    Outcome doIt(ActionContext c) {
        boolean first = effects.merge(c.key(), 1, Integer::sum) == 1;
        return Outcome.succeeded(first ? "done" : "already done (idempotency key)");
    }

    List<String> calledKeys() {
        return calls.stream().map(c -> c.context().key()).toList();
    }

    @Override
    public String name() {
        return name;
    }

    private CompletionStage<Outcome> on(ResponseAction a, ActionContext c) {
        calls.add(new Call(a, c));
        return behaviour.apply(a, c);
    }

    @Override public CompletionStage<Outcome> isolate(IsolateHost a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> release(ReleaseHost a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> killProcess(KillProcess a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> quarantineFile(QuarantineFile a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> restoreFile(RestoreFile a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> rollbackFile(RollbackFile a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> revertRegistry(RevertRegistry a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> terminateSessions(TerminateSessions a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> disableAccount(DisableAccount a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> enableAccount(EnableAccount a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> rotateCredential(RotateCredential a, ActionContext c) { return on(a, c); }
    @Override public CompletionStage<Outcome> revokePrivilege(RevokePrivilege a, ActionContext c) { return on(a, c); }
}
