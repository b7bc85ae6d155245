package dev.edr.core.engine;

import dev.edr.core.event.Event;
import dev.edr.core.rule.RuleMeta;
import java.util.List;
import java.util.Objects;

/**
 * A rule matched an event. {@code matchedSelections} names the search identifiers used by the rule's
 * condition that hold for the event, in the order the rule defines them.
 */
public record Detection(RuleMeta rule, Event event, List<String> matchedSelections) {
    public Detection {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(event, "event");
        matchedSelections = List.copyOf(matchedSelections);
    }

    public String id() {
        return rule.id();
    }

    public String title() {
        return rule.title();
    }

    public String level() {
        return rule.level();
    }

    public List<String> tags() {
        return rule.tags();
    }
}
