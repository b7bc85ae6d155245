package dev.edr.core.internal.drools;

import dev.edr.core.engine.Detection;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the detections of one evaluation; results are ordered by rule position, not by firing order. */
final class DetectionSink {
    private record Hit(int index, Detection detection) {}

    private final List<Hit> hits = new ArrayList<>();

    void add(CompiledRule rule, EvalContext context) {
        hits.add(new Hit(rule.index(), new Detection(rule.rule().meta(), context.event(),
                rule.matchedSelections(context))));
    }

    List<Detection> detections() {
        if (hits.isEmpty()) {
            return List.of();
        }
        hits.sort(Comparator.comparingInt(Hit::index));
        return hits.stream().map(Hit::detection).toList();
    }
}
