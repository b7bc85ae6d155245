package dev.edr.core.engine;

import dev.edr.core.event.Event;
import java.util.List;

/** A stateful evaluation session for one thread at a time. Cheaper per event than {@link Engine#evaluate}. */
public interface EngineSession extends AutoCloseable {
    /** The detections of {@code event}, one per matching rule, in rule pack order. */
    List<Detection> evaluate(Event event);

    /** Releases the session; it cannot be used afterwards. */
    @Override
    void close();
}
