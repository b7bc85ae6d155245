package dev.edr.core.internal.correlation;

import static dev.edr.core.testkit.Rules.at;
import static dev.edr.core.testkit.Rules.field;
import static dev.edr.core.testkit.Rules.s;

import dev.edr.core.engine.CorrelationLimits;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.CorrelationRule.CorrelationCondition;
import dev.edr.core.rule.CorrelationRule.Operator;
import dev.edr.core.rule.CorrelationRule.Type;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.testkit.Rules;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Terse builders for correlation tests: rules keyed on an {@code Rule} field, timestamped event sequences. */
final class Corr {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private Corr() {}

    /** A detection rule with id {@code id} (and name {@code id + "_name"}) matching events whose Rule field is id. */
    static SigmaRule base(String id) {
        SigmaRule r = Rules.rule(id, LogSource.ANY, field("Rule", s(id)));
        RuleMeta m = r.meta();
        RuleMeta named = new RuleMeta(m.title(), m.id(), id + "_name", List.of(), null, null, null, null, List.of(),
                null, null, null, List.of(), List.of(), List.of(), "low", List.of(), Map.of());
        return new SigmaRule(named, r.logsource(), r.detection(), r.location());
    }

    static Map<Operator, BigDecimal> bounds(Object... opThenValue) {
        Map<Operator, BigDecimal> m = new EnumMap<>(Operator.class);
        for (int i = 0; i < opThenValue.length; i += 2) {
            m.put((Operator) opThenValue[i], new BigDecimal(opThenValue[i + 1].toString()));
        }
        return m;
    }

    static Builder corr(String id, Type type, String... rules) {
        return new Builder(id, type, List.of(rules));
    }

    static final class Builder {
        private final String id;
        private final Type type;
        private final List<String> rules;
        private String name;
        private List<String> groupBy = List.of();
        private Duration span = Duration.ofMinutes(1);
        private Map<Operator, BigDecimal> bounds = Map.of();
        private String field;
        private BigDecimal percentile;
        private boolean generate;
        private final Map<String, Map<String, String>> aliases = new LinkedHashMap<>();

        private Builder(String id, Type type, List<String> rules) {
            this.id = id;
            this.type = type;
            this.rules = rules;
        }

        Builder name(String n) {
            name = n;
            return this;
        }

        Builder by(String... fields) {
            groupBy = List.of(fields);
            return this;
        }

        Builder span(Duration d) {
            span = d;
            return this;
        }

        Builder when(Object... opThenValue) {
            bounds = bounds(opThenValue);
            return this;
        }

        Builder field(String f) {
            field = f;
            return this;
        }

        Builder percentile(int p) {
            percentile = BigDecimal.valueOf(p);
            return this;
        }

        Builder generate() {
            generate = true;
            return this;
        }

        Builder alias(String alias, String rule, String f) {
            aliases.computeIfAbsent(alias, k -> new LinkedHashMap<>()).put(rule, f);
            return this;
        }

        CorrelationRule build() {
            RuleMeta meta = new RuleMeta("Correlation " + id, id, name, List.of(), null, null, null, null, List.of(),
                    null, null, null, List.of(), List.of(), List.of(), "critical", List.of(), Map.of());
            CorrelationCondition cond = bounds.isEmpty() && field == null ? null
                    : new CorrelationCondition(bounds, field, percentile);
            return new CorrelationRule(meta, type, rules, aliases, groupBy, span, cond, generate, at(id));
        }
    }

    static RulePack pack(List<SigmaRule> rules, CorrelationRule... correlations) {
        return new RulePack(rules, List.of(correlations), List.of(), List.of());
    }

    static RulePack pack(List<SigmaRule> rules, List<FilterRule> filters, CorrelationRule... correlations) {
        return new RulePack(rules, List.of(correlations), filters, List.of());
    }

    static Engine engine(RulePack pack) {
        return Engine.builder().rules(pack).build();
    }

    static Engine engine(RulePack pack, Duration lateness, CorrelationLimits limits) {
        return Engine.builder().rules(pack).lateness(lateness).correlationLimits(limits).build();
    }

    /** An event at T0 + seconds (fractions allowed) with the given fields; {@code Rule} names the base rule. */
    static Event ev(double seconds, Object... nameThenValue) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (int i = 0; i < nameThenValue.length; i += 2) f.put((String) nameThenValue[i], nameThenValue[i + 1]);
        return Event.builder().time(T0.plusMillis(Math.round(seconds * 1000))).fields(f).build();
    }

    /** Runs the events through one session (index i is the i-th event of file "f"), flushing at the end. */
    static List<Detection> run(Engine engine, List<Event> events) {
        try (EngineSession session = engine.newSession()) {
            return run(session, events);
        }
    }

    static List<Detection> run(EngineSession session, List<Event> events) {
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) out.addAll(session.evaluate(events.get(i), new EventRef("f", i)));
        out.addAll(session.flush());
        return out;
    }

    static List<Detection> correlations(List<Detection> ds) {
        return ds.stream().filter(Detection::isCorrelation).toList();
    }

    /** Indexes of the completing events of the correlation detections. */
    static List<Long> firedAt(List<Detection> ds) {
        return correlations(ds).stream().map(d -> d.correlation().source().index()).toList();
    }
}
