package dev.edr.core.response;

import dev.edr.core.diag.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * Ordered actions for the detections a {@link Selector} picks. Written as a playbook document or as a rule's
 * {@code response:} block (then the selector is the rule itself). {@code dryRun} forces every action of this
 * playbook to dry-run whatever the dispatcher's mode.
 */
public record Playbook(String name, String description, Selector selector, List<ActionTemplate> actions,
        boolean dryRun, SourceLocation location) {
    public Playbook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
        actions = List.copyOf(actions);
        description = description == null ? "" : description;
        location = location == null ? SourceLocation.UNKNOWN : location;
    }

    /** The playbook of a rule's {@code response:} block. */
    public static Playbook forRule(String ruleKey, List<ActionTemplate> actions, boolean dryRun,
            SourceLocation location) {
        return new Playbook("rule " + ruleKey, "", Selector.forRule(ruleKey), actions, dryRun, location);
    }
}
