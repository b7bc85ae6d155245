package dev.edr.core.internal.drools;

import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.declarationOf;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.edr.core.internal.match.CompiledRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.model.Index;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * Builds the Drools rule base with the executable model: one Drools rule per Sigma rule, matching an
 * {@link EventFact} whose route key equals the rule's (a hash-indexed alpha constraint, so an event reaches
 * only the rules of its logsource) and whose context passes the rule's precompiled matcher. Nothing from a
 * rule becomes source code: constraints are lambdas over the compiled matchers.
 *
 * <p>Drools treats two constraints with the same expression id as the same node, so ids are derived from
 * what the constraint tests: {@code route#n} for the n-th distinct route key (shared by all rules of that
 * logsource), {@code match#i} for the i-th rule of the pack. Rule names are {@code i:key}. All of this is
 * deterministic: the same pack always yields the same network.
 */
final class RuleBaseBuilder {
    static final String PACKAGE = "dev.edr.rules";
    private static final int ROUTE_KEY_INDEX = 0;

    private RuleBaseBuilder() {}

    static KieBase build(List<CompiledRule> rules) {
        Map<String, Integer> routeIds = new LinkedHashMap<>();
        for (CompiledRule r : rules) {
            routeIds.putIfAbsent(r.routeKey(), routeIds.size());
        }
        ModelImpl model = new ModelImpl();
        for (CompiledRule r : rules) {
            model.addRule(toDrools(r, routeIds.get(r.routeKey())));
        }
        return KieBaseBuilder.createKieBaseFromModel(model);
    }

    private static Rule toDrools(CompiledRule compiled, int routeId) {
        Variable<EventFact> fact = declarationOf(EventFact.class);
        String key = compiled.routeKey();
        return rule(PACKAGE, compiled.index() + ":" + compiled.rule().meta().key())
                .build(pattern(fact)
                                .expr("route#" + routeId, f -> key.equals(f.getRouteKey()),
                                        alphaIndexedBy(String.class, Index.ConstraintType.EQUAL, ROUTE_KEY_INDEX,
                                                EventFact::getRouteKey, key))
                                .expr("match#" + compiled.index(), f -> compiled.matches(f.getContext())),
                        on(fact).execute(f -> f.sink().add(compiled, f.getContext())));
    }
}
