package dev.edr.core.response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of playbooks and the resolver from a detection to the actions they ask for. Playbooks apply in the given
 * order, actions in their listed order; the same action on the same target asked by two playbooks is planned once.
 * Immutable and thread-safe.
 */
public final class Playbooks {
    private final List<Playbook> playbooks;

    private Playbooks(List<Playbook> playbooks) {
        this.playbooks = List.copyOf(playbooks);
    }

    public static Playbooks of(List<Playbook> playbooks) {
        return new Playbooks(playbooks);
    }

    public List<Playbook> playbooks() {
        return playbooks;
    }

    public List<Playbook> matching(Trigger trigger) {
        return playbooks.stream().filter(p -> p.selector().matches(trigger)).toList();
    }

    /** Requests for every action that could be built, and the skipped ones with their reasons. */
    public ResponsePlan plan(Trigger trigger) {
        List<ActionRequest> requests = new ArrayList<>();
        List<ResponsePlan.Skipped> skipped = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (Playbook p : matching(trigger)) {
            String reason = "playbook " + p.name();
            for (ActionTemplate t : p.actions()) {
                ActionTemplate.Resolved r = t.resolve(trigger);
                if (r.action() == null) {
                    skipped.add(new ResponsePlan.Skipped(t.type(), trigger, reason, r.problem()));
                } else if (planned.add(r.action().type().wireName() + "|" + r.action().target())) {
                    requests.add(new ActionRequest(r.action(), trigger, reason, t.requireApproval(), p.dryRun()));
                }
            }
        }
        return new ResponsePlan(requests, skipped);
    }

    /** The actions of {@link #plan}, without the bookkeeping. */
    public List<ResponseAction> actionsFor(Trigger trigger) {
        return plan(trigger).actions();
    }
}
