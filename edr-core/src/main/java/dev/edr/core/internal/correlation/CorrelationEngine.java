package dev.edr.core.internal.correlation;

import dev.edr.core.diag.Issue;
import dev.edr.core.engine.CorrelationLimits;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.internal.drools.DroolsEngine;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.RuleCompiler;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.KieBase;

/**
 * {@link Engine} for packs with correlation rules: the single-event engine ({@link DroolsEngine}) evaluates the
 * detection rules; each session adds a Drools STREAM session ({@link CorrelationRules}) that correlates their
 * matches on event time. A pack without correlations gets the single-event engine unchanged. Immutable and
 * thread-safe; the state lives in {@link CorrelationSession}s.
 */
public final class CorrelationEngine implements Engine {
    private final Engine base;
    private final List<CompiledCorrelation> correlations;
    private final Map<RuleMeta, String> baseInputs;
    private final Set<RuleMeta> suppressed;
    private final List<Issue> issues;
    private final KieBase kieBase;
    private final long latenessMillis;
    private final CorrelationLimits limits;

    private CorrelationEngine(Engine base, CorrelationPlan.Result plan, Duration lateness, CorrelationLimits limits) {
        this.base = base;
        this.correlations = List.copyOf(plan.correlations());
        this.baseInputs = plan.baseInputs();
        this.suppressed = plan.suppressedRules();
        List<Issue> all = new ArrayList<>(base.issues());
        all.addAll(plan.issues());
        this.issues = List.copyOf(all);
        this.latenessMillis = saturatedMillis(lateness);
        this.limits = limits;
        this.kieBase = correlations.isEmpty() ? null
                : CorrelationRules.build(correlations, CorrelationRules.expiryMillis(correlations, latenessMillis));
    }

    public static Engine create(RulePack pack, Duration lateness, CorrelationLimits limits) {
        Engine base = DroolsEngine.create(pack);
        if (pack.correlations().isEmpty()) {
            return base;
        }
        // The base engine keeps its compiled rules to itself; compiling again tells which rules can feed
        // correlations (a correlation over a rule that failed would silently never fire).
        Set<SigmaRule> compiled = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CompiledRule r : RuleCompiler.compile(pack).rules()) compiled.add(pack.rules().get(r.index()));
        return new CorrelationEngine(base, CorrelationPlan.plan(pack, compiled), lateness, limits);
    }

    private static long saturatedMillis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    @Override
    public List<Detection> evaluate(Event event) {
        return withoutSuppressed(base.evaluate(event));
    }

    List<Detection> withoutSuppressed(List<Detection> detections) {
        if (suppressed.isEmpty() || detections.isEmpty()) return detections;
        List<Detection> out = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            if (!suppressed.contains(d.rule())) out.add(d);
        }
        return out;
    }

    @Override
    public EngineSession newSession() {
        return new CorrelationSession(this, base.newSession(), kieBase);
    }

    @Override
    public int ruleCount() {
        return base.ruleCount() + correlations.size();
    }

    @Override
    public List<Issue> issues() {
        return issues;
    }

    List<CompiledCorrelation> correlations() {
        return correlations;
    }

    /** The input key of a detection rule that correlations use, or {@code null}. */
    String inputOf(RuleMeta rule) {
        return baseInputs.get(rule);
    }

    long latenessMillis() {
        return latenessMillis;
    }

    CorrelationLimits limits() {
        return limits;
    }
}
