package dev.edr.core.internal.drools;

import dev.edr.core.diag.Issue;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.match.LogSources;
import dev.edr.core.internal.match.RuleCompiler;
import dev.edr.core.rule.RulePack;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.FactHandle;

/**
 * {@link Engine} on a Drools rule base. The KieBase is immutable and shared; {@link #evaluate} borrows a
 * session from a pool (Drools resets it on return), so concurrent callers never share working memory.
 */
public final class DroolsEngine implements Engine {
    private final List<CompiledRule> rules;
    private final List<Issue> issues;
    private final Set<String> routeKeys;
    private final KieSessionsPool pool;
    private final KieBase kieBase;

    private DroolsEngine(RuleCompiler.CompiledPack compiled) {
        this.rules = compiled.rules();
        this.issues = compiled.issues();
        Set<String> keys = new LinkedHashSet<>();
        for (CompiledRule r : rules) keys.add(r.routeKey());
        this.routeKeys = java.util.Collections.unmodifiableSet(keys);
        this.kieBase = RuleBaseBuilder.build(rules);
        this.pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
    }

    public static Engine create(RulePack pack) {
        return new DroolsEngine(RuleCompiler.compile(Objects.requireNonNull(pack, "pack")));
    }

    @Override
    public List<Detection> evaluate(Event event) {
        Objects.requireNonNull(event, "event");
        KieSession session = pool.newKieSession();
        try {
            return run(session, event, routeKeys);
        } finally {
            session.dispose(); // returns it to the pool, reset
        }
    }

    @Override
    public EngineSession newSession() {
        return new DroolsSession(kieBase.newKieSession(), routeKeys);
    }

    @Override
    public int ruleCount() {
        return rules.size();
    }

    @Override
    public List<Issue> issues() {
        return issues;
    }

    static List<Detection> run(KieSession session, Event event, Set<String> routeKeys) {
        List<String> keys = LogSources.routeKeys(event, routeKeys);
        if (keys.isEmpty()) {
            return List.of();
        }
        EvalContext context = new EvalContext(event);
        DetectionSink sink = new DetectionSink();
        List<FactHandle> handles = new ArrayList<>(keys.size());
        try {
            for (String key : keys) {
                handles.add(session.insert(new EventFact(key, context, sink)));
            }
            session.fireAllRules();
        } finally {
            for (FactHandle h : handles) session.delete(h);
        }
        return sink.detections();
    }

    private static final class DroolsSession implements EngineSession {
        private final KieSession session;
        private final Set<String> routeKeys;
        private boolean closed;

        DroolsSession(KieSession session, Set<String> routeKeys) {
            this.session = session;
            this.routeKeys = routeKeys;
        }

        @Override
        public List<Detection> evaluate(Event event) {
            Objects.requireNonNull(event, "event");
            if (closed) {
                throw new IllegalStateException("session is closed");
            }
            return run(session, event, routeKeys);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                session.dispose();
            }
        }
    }
}
