package dev.edr.core.internal.drools;

import dev.edr.core.engine.Detection;
import dev.edr.core.event.Event;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.prefilter.CandidateCollector;
import dev.edr.core.internal.prefilter.CandidateIndex;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One evaluation lane: a Drools session plus the prefilter's working state. Per event, the prefilter picks the
 * candidate rules; each candidate's fact is inserted (activating only its rule), the rules fire, the facts are
 * retracted. An event without candidates never touches Drools. Single-threaded.
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
        // through the agenda, not Drools' direct firing (DirectFiringOption): with Drools 10.2 a session that fires
        // directly keeps every fired match after its fact is deleted (its terminal tuple, fact handle and the
        // deletion's propagation context, about 300 bytes per detection) for as long as it lives
        // (SessionAllocationTest)
        this.session = kieBase.newKieSession();
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
