package dev.edr.cli;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.EventRecord;
import dev.edr.core.response.Trigger;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the engine's detections into the dispatcher's triggers. */
final class Triggers {
    /** The logsource of each loaded rule, by its metadata object (the engine hands that very object back). */
    private final Map<RuleMeta, LogSource> logSources = new IdentityHashMap<>();

    Triggers(RulePack pack) {
        pack.rules().forEach(r -> logSources.put(r.meta(), r.logsource()));
    }

    /**
     * The trigger of one detection. Playbook parameters read the event's fields; for a correlation, the fields
     * of the event that completed it with the group-by values on top, since the group is what it is about.
     */
    Trigger of(EventRecord current, Detection d) {
        EventRef source = DetectionWriter.sourceOf(current, d);
        Map<String, Object> fields = new LinkedHashMap<>(d.event().fields());
        if (d.isCorrelation()) {
            fields.putAll(d.correlation().group());
        }
        RuleMeta m = d.rule();
        return Trigger.builder().rule(m.id(), m.title(), m.level()).ruleName(m.name()).tags(m.tags())
                .logSource(logSources.getOrDefault(m, LogSource.ANY)).correlation(d.isCorrelation())
                .source(source.file(), source.index()).host(d.event().host()).eventTime(d.event().time())
                .fields(fields).build();
    }
}
