package dev.edr.core.internal.drools;

import dev.edr.core.diag.Issue;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.RuleCompiler;
import dev.edr.core.internal.prefilter.Atom;
import dev.edr.core.internal.prefilter.CandidateIndex;
import dev.edr.core.internal.prefilter.Triggers;
import dev.edr.core.internal.prefilter.Vetoes;
import dev.edr.core.rule.RulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.kie.api.KieBase;

/**
 * {@link Engine} on a Drools rule base fed by a literal prefilter. The rule base and the {@link CandidateIndex} are
 * immutable and shared; {@link #evaluate} borrows a {@link CandidateSession} from a small pool (creating one when
 * none is idle), so concurrent callers never share working memory.
 */
public final class DroolsEngine implements Engine {
    private final List<CompiledRule> rules;
    private final List<Issue> issues;
    private final KieBase kieBase;
    private final CandidateIndex index;
    private final BlockingQueue<CandidateSession> idle;

    private DroolsEngine(RulePack pack) {
        // With a second processor, a helper derives the prefilter triggers while the rules compile, then builds the
        // prefilter index while the Drools rule base is built: both read the compiled rules only.
        CompletableFuture<List<CompiledRule>> compiledRules = new CompletableFuture<>();
        FutureTask<CandidateIndex> indexing = new FutureTask<>(() -> {
            List<Object> triggers = triggersOf(pack);
            return index(compiledRules.join(), triggers);
        });
        boolean helped = Runtime.getRuntime().availableProcessors() > 1;
        if (helped) {
            Thread helper = new Thread(indexing, "edr-index-builder");
            helper.setDaemon(true);
            helper.start();
        }
        RuleCompiler.CompiledPack compiled;
        try {
            compiled = RuleCompiler.compile(pack);
        } catch (RuntimeException | Error e) {
            compiledRules.completeExceptionally(e); // releases the helper
            throw e;
        }
        this.rules = compiled.rules();
        this.issues = compiled.issues();
        compiledRules.complete(rules);
        if (!helped) {
            indexing.run();
        }
        KieBase built = null;
        RuntimeException droolsFailure = null;
        try {
            built = RuleBaseBuilder.build(rules);
        } catch (RuntimeException e) {
            droolsFailure = e; // the index came first when built in turn: its failure takes precedence
        }
        this.index = await(indexing);
        if (droolsFailure != null) {
            throw droolsFailure;
        }
        this.kieBase = built;
        this.idle = new ArrayBlockingQueue<>(2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Each rule's trigger groups, or what deriving them threw: they are derived before it is known which rules
     * compile, and a rule that does not compile must not fail the engine here.
     */
    private static List<Object> triggersOf(RulePack pack) {
        List<Object> out = new ArrayList<>(pack.rules().size());
        for (var rule : pack.rules()) {
            try {
                out.add(new Object[] {Triggers.of(rule.detection()), Vetoes.of(rule.detection())});
            } catch (RuntimeException | StackOverflowError e) {
                out.add(e);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static CandidateIndex index(List<CompiledRule> rules, List<Object> triggersByRule) {
        return CandidateIndex.of(rules, slot -> (List<Set<Atom>>) plan(triggersByRule, rules.get(slot))[0],
                slot -> (Set<Atom>) plan(triggersByRule, rules.get(slot))[1]);
    }

    /** The rule's trigger groups and veto atoms ({@link #triggersOf}), or what deriving them threw, rethrown. */
    private static Object[] plan(List<Object> triggersByRule, CompiledRule rule) {
        Object t = triggersByRule.get(rule.index());
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        return (Object[]) t;
    }

    /** The task's result, rethrowing what it threw; waits out interrupts (the work is bounded) and keeps them. */
    private static <T> T await(FutureTask<T> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static Engine create(RulePack pack) {
        return new DroolsEngine(Objects.requireNonNull(pack, "pack"));
    }

    @Override
    public List<Detection> evaluate(Event event) {
        Objects.requireNonNull(event, "event");
        CandidateSession session = idle.poll();
        if (session == null) {
            session = new CandidateSession(kieBase, index, rules);
        }
        List<Detection> detections = session.evaluate(event);
        if (!idle.offer(session)) {
            session.dispose();
        }
        return detections;
    }

    @Override
    public EngineSession newSession() {
        return new Session(new CandidateSession(kieBase, index, rules));
    }

    @Override
    public int ruleCount() {
        return rules.size();
    }

    @Override
    public List<Issue> issues() {
        return issues;
    }

    /** What the prefilter made of the pack, for diagnostics and benchmarks. */
    public String describeIndex() {
        return index.describe();
    }

    private static final class Session implements EngineSession {
        private final CandidateSession lane;
        private boolean closed;

        Session(CandidateSession lane) {
            this.lane = lane;
        }

        @Override
        public List<Detection> evaluate(Event event) {
            Objects.requireNonNull(event, "event");
            if (closed) {
                throw new IllegalStateException("session is closed");
            }
            return lane.evaluate(event);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                lane.dispose();
            }
        }
    }
}
