package dev.edr.core.response;

import dev.edr.core.diag.SourceLocation;
import java.util.List;

/** A rule's own {@code response:} block, before it is tied to the rule's key. */
public record RuleResponse(List<ActionTemplate> actions, boolean dryRun, SourceLocation location) {
    public RuleResponse {
        actions = List.copyOf(actions);
        location = location == null ? SourceLocation.UNKNOWN : location;
    }

    public Playbook toPlaybook(String ruleKey) {
        return Playbook.forRule(ruleKey, actions, dryRun, location);
    }
}
