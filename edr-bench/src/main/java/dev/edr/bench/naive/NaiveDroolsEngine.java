package dev.edr.bench.naive;

import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.declarationOf;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.edr.core.engine.Detection;
import dev.edr.core.event.Event;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.match.LogSources;
import dev.edr.core.internal.match.RuleCompiler;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RulePack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The baseline the issue measures against: what a straightforward Drools build of a Sigma pack looks like. One
 * Drools rule per Sigma rule; the logsource test and the detection are plain lambda constraints with ids unique
 * to their rule, so Drools can neither hash nor share them; no routing, no literal prefilter, no index. Every
 * event is inserted once and every rule's lambdas run on it. The matchers themselves are the engine's own
 * ({@link CompiledRule#matches}), so the comparison isolates the routing, prefilter and activation strategy.
 * Single-threaded: one session.
 */
public final class NaiveDroolsEngine implements AutoCloseable {
    private final List<CompiledRule> rules;
    private final KieSession session;

    /** What Drools sees: the event, its per-event matcher state and where detections go. */
    public static final class Fact {
        private final Event event;
        private final EvalContext context;
        private final List<Detection> detections = new ArrayList<>();
        private final List<Integer> order = new ArrayList<>();

        Fact(Event event) {
            this.event = event;
            this.context = new EvalContext(event);
        }

        public Event getEvent() {
            return event;
        }

        public EvalContext getContext() {
            return context;
        }

        void add(CompiledRule rule) {
            order.add(rule.index());
            detections.add(new Detection(rule.meta(), event, rule.matchedSelections(context)));
        }
    }

    public NaiveDroolsEngine(RulePack pack) {
        this.rules = RuleCompiler.compile(pack).rules();
        ModelImpl model = new ModelImpl();
        for (CompiledRule r : rules) {
            model.addRule(toDrools(r));
        }
        KieBase kieBase = KieBaseBuilder.createKieBaseFromModel(model);
        this.session = kieBase.newKieSession();
    }

    private static Rule toDrools(CompiledRule compiled) {
        Variable<Fact> fact = declarationOf(Fact.class);
        LogSource logsource = compiled.logsource();
        int i = compiled.index();
        return rule("dev.edr.bench.naive", "rule" + i)
                .build(pattern(fact)
                                .expr("logsource" + i, f -> LogSources.matches(logsource, f.getEvent()))
                                .expr("detection" + i, f -> compiled.matches(f.getContext())),
                        on(fact).execute(f -> f.add(compiled)));
    }

    public int ruleCount() {
        return rules.size();
    }

    /** The detections of the event in rule pack order. */
    public List<Detection> evaluate(Event event) {
        Fact fact = new Fact(event);
        FactHandle handle = session.insert(fact);
        session.fireAllRules();
        session.delete(handle);
        if (fact.detections.size() < 2) {
            return List.copyOf(fact.detections);
        }
        List<Integer> positions = new ArrayList<>();
        for (int k = 0; k < fact.order.size(); k++) positions.add(k);
        positions.sort(Comparator.comparingInt(fact.order::get));
        return positions.stream().map(fact.detections::get).toList();
    }

    @Override
    public void close() {
        session.dispose();
    }
}
