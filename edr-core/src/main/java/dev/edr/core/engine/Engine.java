package dev.edr.core.engine;

import dev.edr.core.diag.Issue;
import dev.edr.core.event.Event;
import dev.edr.core.internal.correlation.CorrelationEngine;
import dev.edr.core.rule.RulePack;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates events against a compiled rule pack. Immutable and thread-safe: {@link #evaluate(Event)} may be
 * called from any number of threads at once. Rules that could not be compiled are left out and reported by
 * {@link #issues()}; building never fails because of a bad rule.
 *
 * <p>A rule applies to an event when its logsource fits: the rule's product equals the event's, its category
 * is one of the event's categories, its service one of its services (a field the rule leaves out matches
 * anything). An event without any logsource ({@link Event#hasLogSource()} false, e.g. a flat JSON record) is
 * of unknown origin and is checked against every rule. A filter suppresses the rules it names when its own
 * logsource fits and its condition holds.
 *
 * <p>Correlation rules need state and are evaluated by {@link EngineSession}s only: {@link #evaluate(Event)}
 * is stateless and returns single-event detections. Both leave out the rules that correlations use as
 * inputs without {@code generate: true} (Sigma v2.1: only the correlation is output by default); their
 * matches still feed the correlations in a session. See {@code edr-core/CORRELATION.md} for the semantics.
 *
 * <pre>{@code
 * Engine engine = Engine.builder().rules(pack).build();
 * engine.issues().forEach(i -> log.warn(i.headline()));
 * for (Detection d : engine.evaluate(event)) { ... }
 * }</pre>
 */
public interface Engine {
    static Builder builder() {
        return new Builder();
    }

    /**
     * The single-event detections of {@code event}, one per matching rule, in rule pack order. Stateless:
     * correlations are not evaluated here (use {@link #newSession()}).
     */
    List<Detection> evaluate(Event event);

    /** A single-threaded session that reuses its working memory between events; close it when done. */
    EngineSession newSession();

    /** How many detection and correlation rules compiled and are evaluated. */
    int ruleCount();

    /**
     * Problems found while compiling (rules and correlations left out, filters naming unknown rules), each
     * located in its rule file. The pack's own loading issues are not repeated here.
     */
    List<Issue> issues();

    /** Collects rule packs, then compiles them into an {@link Engine}. */
    final class Builder {
        private RulePack pack = RulePack.of(List.of());
        private Duration lateness = Duration.ZERO;
        private CorrelationLimits limits = CorrelationLimits.DEFAULTS;

        private Builder() {}

        /** Adds the rules, filters and correlations of {@code rules}; may be called repeatedly. */
        public Builder rules(RulePack rules) {
            pack = pack.merge(Objects.requireNonNull(rules, "rules"));
            return this;
        }

        /**
         * How far out of event-time order events may arrive and still be correlated (default zero: events must
         * come in time order). Sessions hold matches back by this much event time before correlating them.
         */
        public Builder lateness(Duration lateness) {
            Objects.requireNonNull(lateness, "lateness");
            if (lateness.isNegative()) {
                throw new IllegalArgumentException("lateness must not be negative: " + lateness);
            }
            this.lateness = lateness;
            return this;
        }

        /** Caps on the correlation state of each session (default {@link CorrelationLimits#DEFAULTS}). */
        public Builder correlationLimits(CorrelationLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Engine build() {
            return CorrelationEngine.create(pack, lateness, limits);
        }
    }
}
