package dev.edr.core.response;

import dev.edr.core.response.ResponseAction.KillProcess;
import dev.edr.core.response.ResponseAction.QuarantineFile;
import dev.edr.core.response.ResponseAction.RestoreFile;
import dev.edr.core.response.ResponseAction.RevertRegistry;
import dev.edr.core.response.ResponseAction.RollbackFile;
import java.util.concurrent.CompletionStage;

/** Undoing what an attacker did on a host. */
public interface Remediation extends ResponseAdapter {
    CompletionStage<Outcome> killProcess(KillProcess action, ActionContext context);

    CompletionStage<Outcome> quarantineFile(QuarantineFile action, ActionContext context);

    CompletionStage<Outcome> restoreFile(RestoreFile action, ActionContext context);

    CompletionStage<Outcome> rollbackFile(RollbackFile action, ActionContext context);

    CompletionStage<Outcome> revertRegistry(RevertRegistry action, ActionContext context);
}
