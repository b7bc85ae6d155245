package dev.edr.core.internal.drools;

import dev.edr.core.internal.match.EvalContext;

/**
 * The fact inserted into working memory: one per route key the event satisfies, all sharing the event's
 * {@link EvalContext} (field lookups are cached once per event) and the evaluation's {@link DetectionSink}.
 * Public only because Drools reads it reflectively.
 */
public final class EventFact {
    private final String routeKey;
    private final EvalContext context;
    private final DetectionSink sink;

    EventFact(String routeKey, EvalContext context, DetectionSink sink) {
        this.routeKey = routeKey;
        this.context = context;
        this.sink = sink;
    }

    public String getRouteKey() {
        return routeKey;
    }

    public EvalContext getContext() {
        return context;
    }

    DetectionSink sink() {
        return sink;
    }

    @Override
    public String toString() {
        return "EventFact[" + routeKey + "]";
    }
}
