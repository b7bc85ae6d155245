package dev.edr.core.response;

import dev.edr.core.response.ResponseAction.DisableAccount;
import dev.edr.core.response.ResponseAction.EnableAccount;
import dev.edr.core.response.ResponseAction.RevokePrivilege;
import dev.edr.core.response.ResponseAction.RotateCredential;
import dev.edr.core.response.ResponseAction.TerminateSessions;
import java.util.concurrent.CompletionStage;

/** Taking privileged access away from an attacker: a PAM vault, a directory, an identity provider. */
public interface PrivilegedAccess extends ResponseAdapter {
    CompletionStage<Outcome> terminateSessions(TerminateSessions action, ActionContext context);

    CompletionStage<Outcome> disableAccount(DisableAccount action, ActionContext context);

    CompletionStage<Outcome> enableAccount(EnableAccount action, ActionContext context);

    CompletionStage<Outcome> rotateCredential(RotateCredential action, ActionContext context);

    /** Removes privileged group membership or a just-in-time elevation grant. */
    CompletionStage<Outcome> revokePrivilege(RevokePrivilege action, ActionContext context);
}
