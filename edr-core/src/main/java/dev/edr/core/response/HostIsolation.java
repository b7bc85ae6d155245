package dev.edr.core.response;

import dev.edr.core.response.ResponseAction.IsolateHost;
import dev.edr.core.response.ResponseAction.ReleaseHost;
import java.util.concurrent.CompletionStage;

/** Network containment of a host (the EDR agent keeps talking to its console). */
public interface HostIsolation extends ResponseAdapter {
    CompletionStage<Outcome> isolate(IsolateHost action, ActionContext context);

    CompletionStage<Outcome> release(ReleaseHost action, ActionContext context);
}
