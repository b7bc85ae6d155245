package dev.edr.core.internal.drools;

import dev.edr.core.engine.Detection;
import dev.edr.core.event.Event;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.prefilter.CandidateCollector;
import dev.edr.core.internal.prefilter.CandidateIndex;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.DirectFiringOption;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One evaluation lane: a Drools session plus the prefilter's working state. Per event, the prefilter picks the
 * candidate rules; each candidate's fact is inserted (activating only its rule), the rules fire (directly, not
 * through the agenda), the facts are retracted. An event without candidates never touches Drools. Single-threaded.
 */
final class CandidateSession {
    private final KieSession session;
    private final List<CompiledRule> rules;
    private final CandidateCollector collector;
    private final Candidate.Evaluation evaluation = new Candidate.Evaluation();
    /** Reset for each event and cleared after it: detections copy what they need, nothing else keeps it. */
    private EvalContext context;
    private final Candidate[] facts;
    private final FactHandle[] handles;

    /** {@code rules.get(n)} is the rule of slot n. */
    CandidateSession(KieBase kieBase, CandidateIndex index, List<CompiledRule> rules) {
        // consequences fire as candidates propagate, without the agenda's queue: every rule here is one pattern with
        // no salience or no-loop, and detections are ordered by rule position afterwards (DetectionSink), not by
        // firing order
        KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
        conf.setOption(DirectFiringOption.YES);
        this.session = kieBase.newKieSession(conf, null);
        this.rules = rules;
        this.collector = index.newCollector();
        this.facts = new Candidate[index.slotCount()];
        this.handles = new FactHandle[index.slotCount()];
    }

    List<Detection> evaluate(Event event) {
        EvalContext context = this.context;
        if (context == null) {
            context = this.context = new EvalContext(event);
        } else {
            context.reset(event);
        }
        try {
            return evaluate(context);
        } finally {
            context.clear();
        }
    }

    private List<Detection> evaluate(EvalContext context) {
        int count = collector.collect(context);
        if (count == 0) {
            return List.of();
        }
        evaluation.context = context;
        evaluation.sink.reset();
        int inserted = 0;
        try {
            for (; inserted < count; inserted++) {
                handles[inserted] = session.insert(fact(collector.candidate(inserted)));
            }
            session.fireAllRules();
        } finally {
            for (int i = 0; i < inserted; i++) {
                session.delete(handles[i]);
                handles[i] = null;
            }
            evaluation.context = null;
        }
        return evaluation.sink.take();
    }

    private Candidate fact(int slot) {
        Candidate c = facts[slot];
        if (c == null) {
            c = new Candidate(slot, rules.get(slot), evaluation);
            facts[slot] = c;
        }
        return c;
    }

    void dispose() {
        session.dispose();
    }
}
