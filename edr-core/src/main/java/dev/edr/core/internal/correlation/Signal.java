package dev.edr.core.internal.correlation;

import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import java.util.List;
import java.util.Map;

/**
 * The Drools event of the correlation session: one rule (detection or correlation) matched at an event time.
 * {@code input} is the matched rule's canonical key; {@code time} (event time, epoch millis) is its Drools
 * timestamp. A correlation's own output carries its group values and the events it covered, so that a
 * correlation over correlations can group by them and list them.
 *
 * <p>The event itself is dropped once the signal has been delivered (windows keep only what they need), and
 * {@code holders} counts the windows that still hold the signal: at zero it is retracted from Drools. Public
 * only because Drools reads it reflectively.
 */
public final class Signal {
    private final String input;
    private final long time;
    private final long seq;
    private final List<EventRef> refs;
    private final EventRef source;
    private final Map<String, Object> group;
    private final CorrelationSession session;
    private Event event;
    private int holders;

    Signal(String input, long time, long seq, Event event, List<EventRef> refs, EventRef source,
            Map<String, Object> group, CorrelationSession session) {
        this.input = input;
        this.time = time;
        this.seq = seq;
        this.event = event;
        this.refs = refs;
        this.source = source;
        this.group = group;
        this.session = session;
    }

    public String getInput() {
        return input;
    }

    public long getTime() {
        return time;
    }

    long seq() {
        return seq;
    }

    Event event() {
        return event;
    }

    List<EventRef> refs() {
        return refs;
    }

    /** The event that produced this signal (for a correlation's output: the one that completed it). */
    EventRef source() {
        return source;
    }

    CorrelationSession session() {
        return session;
    }

    /** A field of the matched event: a correlation's group value first, then the completing event's field. */
    Object field(String name) {
        if (group != null && group.containsKey(name)) return group.get(name);
        return event == null ? null : event.get(name);
    }

    void delivered() {
        event = null;
    }

    void hold() {
        holders++;
    }

    /** True when no window holds the signal any more. */
    boolean release() {
        return --holders <= 0;
    }

    boolean held() {
        return holders > 0;
    }

    @Override
    public String toString() {
        return "Signal[" + input + "@" + time + "#" + seq + "]";
    }
}
