package dev.edr.core.internal.drools;

import dev.edr.core.engine.Detection;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the detections of one evaluation; results are ordered by rule position, not by firing order. Reused
 * by its session from event to event.
 */
final class DetectionSink {
    private final List<Detection> detections = new ArrayList<>();
    private int[] order = new int[8];

    void reset() {
        detections.clear();
    }

    void add(CompiledRule rule, EvalContext context) {
        if (detections.size() == order.length) {
            order = Arrays.copyOf(order, order.length * 2);
        }
        order[detections.size()] = rule.index();
        detections.add(new Detection(rule.meta(), context.event(), rule.matchedSelections(context)));
    }

    /** The detections collected since {@link #reset}, in rule order; the sink is left empty (keeps no event). */
    List<Detection> take() {
        int n = detections.size();
        if (n == 0) {
            return List.of();
        }
        List<Detection> result;
        if (n == 1) {
            result = List.of(detections.get(0));
        } else {
            Detection[] sorted = new Detection[n];
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) keys[i] = ((long) order[i] << 32) | i;
            Arrays.sort(keys);
            for (int i = 0; i < n; i++) sorted[i] = detections.get((int) keys[i]);
            result = List.of(sorted);
        }
        detections.clear();
        return result;
    }
}
