package dev.edr.core.engine;

import dev.edr.core.event.Event;
import dev.edr.core.rule.RuleMeta;
import java.util.List;
import java.util.Objects;

/**
 * A rule matched an event. {@code matchedSelections} names the search identifiers used by the rule's
 * condition that hold for the event, in the order the rule defines them.
 *
 * <p>For a correlation rule, {@code rule} is the correlation's metadata (its level is the severity of the
 * correlated detection), {@code event} is the event that completed it, {@code matchedSelections} is empty and
 * {@code correlation} says what fired; it is {@code null} for single-event detections.
 */
public record Detection(RuleMeta rule, Event event, List<String> matchedSelections, CorrelationInfo correlation) {
    public Detection {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(event, "event");
        matchedSelections = List.copyOf(matchedSelections);
    }

    /** A single-event detection. */
    public Detection(RuleMeta rule, Event event, List<String> matchedSelections) {
        this(rule, event, matchedSelections, null);
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

    /** Whether a correlation rule produced this detection ({@link #correlation()} is then set). */
    public boolean isCorrelation() {
        return correlation != null;
    }
}
