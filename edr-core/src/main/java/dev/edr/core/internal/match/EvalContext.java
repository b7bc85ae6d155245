package dev.edr.core.internal.match;

import dev.edr.core.event.Event;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of evaluating one event: caches each field's {@link FieldView} so that every rule of the pack
 * shares the lookups and lower-casing. Single-threaded; create one per event.
 */
public final class EvalContext {
    private final Event event;
    private final Map<String, FieldView> fields = new HashMap<>();
    private FieldView keywords;

    public EvalContext(Event event) {
        this.event = java.util.Objects.requireNonNull(event, "event");
    }

    public Event event() {
        return event;
    }

    /** The field as the rule names it: exact name first, then case-insensitive (see {@link Event#get}). */
    public FieldView field(String name) {
        FieldView v = fields.get(name);
        if (v == null) {
            v = event.has(name) ? FieldView.of(event.get(name)) : FieldView.ABSENT;
            fields.put(name, v);
        }
        return v;
    }

    /** Every string and number of the original record, for keyword search. */
    public FieldView keywords() {
        if (keywords == null) {
            keywords = FieldView.keywordsOf(event.original());
        }
        return keywords;
    }
}
