package dev.edr.core.response.adapters;

import dev.edr.core.response.ActionContext;
import dev.edr.core.response.HostIsolation;
import dev.edr.core.response.Outcome;
import dev.edr.core.response.PrivilegedAccess;
import dev.edr.core.response.Remediation;
import dev.edr.core.response.ResponseAction;
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
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The default adapter for every kind: writes what it would do and touches nothing. Reports
 * {@link Outcome.Status#ACCEPTED} with a detail that says so, never SUCCEEDED, so an audit reader cannot mistake
 * a logged action for a performed one.
 */
public final class LoggingAdapter implements HostIsolation, Remediation, PrivilegedAccess {
    private static final System.Logger LOG = System.getLogger("dev.edr.response");
    private final Consumer<String> sink;

    private LoggingAdapter(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Logs to the JDK platform logger {@code dev.edr.response} at INFO. */
    public static LoggingAdapter create() {
        return new LoggingAdapter(line -> LOG.log(System.Logger.Level.INFO, line));
    }

    /** Sends each line to {@code sink} instead (tests, a CLI's stderr). */
    public static LoggingAdapter to(Consumer<String> sink) {
        return new LoggingAdapter(Objects.requireNonNull(sink));
    }

    @Override
    public String name() {
        return "logging";
    }

    private CompletionStage<Outcome> log(ResponseAction a, ActionContext ctx) {
        sink.accept("response (logged only) " + a.type().wireName() + " " + a.target() + " params=" + a.params()
                + " key=" + ctx.key() + " rule=" + ctx.ruleId());
        return CompletableFuture.completedFuture(Outcome.accepted(null, "logged only; no adapter configured"));
    }

    @Override public CompletionStage<Outcome> isolate(IsolateHost a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> release(ReleaseHost a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> killProcess(KillProcess a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> quarantineFile(QuarantineFile a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> restoreFile(RestoreFile a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> rollbackFile(RollbackFile a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> revertRegistry(RevertRegistry a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> terminateSessions(TerminateSessions a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> disableAccount(DisableAccount a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> enableAccount(EnableAccount a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> rotateCredential(RotateCredential a, ActionContext c) { return log(a, c); }
    @Override public CompletionStage<Outcome> revokePrivilege(RevokePrivilege a, ActionContext c) { return log(a, c); }
}
