package dev.edr.core.internal.response;

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
import dev.edr.core.response.ResponseAdapter;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Sends each action record to its method on the right adapter (AdapterRouterTest covers every type). */
final class AdapterRouter {
    private final HostIsolation isolation;
    private final Remediation remediation;
    private final PrivilegedAccess access;

    AdapterRouter(HostIsolation isolation, Remediation remediation, PrivilegedAccess access) {
        this.isolation = Objects.requireNonNull(isolation);
        this.remediation = Objects.requireNonNull(remediation);
        this.access = Objects.requireNonNull(access);
    }

    ResponseAdapter adapterFor(ResponseAction action) {
        return switch (action.type().kind()) {
            case HOST_ISOLATION -> isolation;
            case REMEDIATION -> remediation;
            case PRIVILEGED_ACCESS -> access;
        };
    }

    CompletionStage<Outcome> call(ResponseAction action, ActionContext ctx) {
        if (action instanceof IsolateHost a) return isolation.isolate(a, ctx);
        if (action instanceof ReleaseHost a) return isolation.release(a, ctx);
        if (action instanceof KillProcess a) return remediation.killProcess(a, ctx);
        if (action instanceof QuarantineFile a) return remediation.quarantineFile(a, ctx);
        if (action instanceof RestoreFile a) return remediation.restoreFile(a, ctx);
        if (action instanceof RollbackFile a) return remediation.rollbackFile(a, ctx);
        if (action instanceof RevertRegistry a) return remediation.revertRegistry(a, ctx);
        if (action instanceof TerminateSessions a) return access.terminateSessions(a, ctx);
        if (action instanceof DisableAccount a) return access.disableAccount(a, ctx);
        if (action instanceof EnableAccount a) return access.enableAccount(a, ctx);
        if (action instanceof RotateCredential a) return access.rotateCredential(a, ctx);
        if (action instanceof RevokePrivilege a) return access.revokePrivilege(a, ctx);
        throw new IllegalArgumentException("unroutable action " + action);
    }
}
