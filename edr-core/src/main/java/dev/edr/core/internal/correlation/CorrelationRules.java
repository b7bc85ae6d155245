package dev.edr.core.internal.correlation;

import static org.drools.model.DSL.annotationValue;
import static org.drools.model.DSL.on;
import static org.drools.model.DSL.typeMetaData;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.declarationOf;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.model.Index;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.conf.EventProcessingOption;

/**
 * Builds the correlation rule base: a Drools KieBase in STREAM mode (executable model, no DRL text) in which
 * {@link Signal} is an event type whose timestamp is its event time and whose expiry is derived from the
 * largest timespan, and where one Drools rule per (correlation, input rule) routes the signals of that input
 * (a hash-indexed alpha constraint) to the correlation's windows. A correlation's firing inserts its own signal
 * from the consequence, so chains of correlations are Drools inference within one {@code fireAllRules}.
 *
 * <p>Names and constraint ids are deterministic: {@code in#n} for the n-th distinct input key, rules
 * {@code corr:<order>:<input>}.
 */
final class CorrelationRules {
    static final String PACKAGE = "dev.edr.correlations";

    private CorrelationRules() {}

    /** Expiry is a safety net: sessions retract signals themselves as soon as no window holds them. */
    static long expiryMillis(List<CompiledCorrelation> correlations, long latenessMillis) {
        long max = 0;
        for (CompiledCorrelation c : correlations) max = Math.max(max, c.spanMillis());
        return 2 * max + latenessMillis + 1000;
    }

    static KieBase build(List<CompiledCorrelation> correlations, long expiryMillis) {
        ModelImpl model = new ModelImpl();
        model.addTypeMetaData(typeMetaData(Signal.class)
                .addAnnotation("role", annotationValue("value", "event"))
                .addAnnotation("timestamp", annotationValue("value", "time"))
                .addAnnotation("expires", annotationValue("value", expiryMillis + "ms")));
        Map<String, Integer> inputIds = new LinkedHashMap<>();
        for (CompiledCorrelation c : correlations) {
            for (String input : c.inputs()) {
                inputIds.putIfAbsent(input, inputIds.size());
                model.addRule(route(c, input, inputIds.get(input)));
            }
        }
        return KieBaseBuilder.createKieBaseFromModel(model, EventProcessingOption.STREAM);
    }

    private static Rule route(CompiledCorrelation c, String input, int inputId) {
        Variable<Signal> signal = declarationOf(Signal.class);
        int order = c.order();
        return rule(PACKAGE, "corr:" + order + ":" + input)
                .build(pattern(signal).expr("in#" + inputId, s -> input.equals(s.getInput()),
                                alphaIndexedBy(String.class, Index.ConstraintType.EQUAL, 0, Signal::getInput, input)),
                        on(signal).execute((drools, s) -> s.session().deliver(order, s, drools::insert)));
    }
}
