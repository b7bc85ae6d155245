package dev.edr.core.internal.correlation;

import static dev.edr.core.internal.correlation.Corr.*;
import static dev.edr.core.rule.CorrelationRule.Operator.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import dev.edr.core.rule.CorrelationRule.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** temporal and temporal_ordered: positive, negative, boundary, ties, groups, aliases. */
class TemporalTest {
    private static final List<dev.edr.core.rule.SigmaRule> RECON = List.of(base("a"), base("b"), base("c"));

    private static Event cmd(double s, String rule, String host) {
        return ev(s, "Rule", rule, "Computer", host);
    }

    private static Engine temporal(Type type, Object... bounds) {
        return engine(pack(RECON, corr("recon", type, "a", "b", "c").by("Computer").span(Duration.ofMinutes(5))
                .when(bounds).build()));
    }

    @Test
    void temporalFiresWhenEveryRuleMatchedInTheWindowInAnyOrder() {
        List<Detection> ds = run(temporal(Type.TEMPORAL), List.of(cmd(0, "c", "h"), cmd(10, "a", "h"),
                cmd(20, "a", "other"), cmd(30, "a", "h"), cmd(40, "b", "h")));
        assertThat(firedAt(ds)).containsExactly(4L);
        Detection d = correlations(ds).get(0);
        assertThat(d.correlation().value()).isEqualByComparingTo("3");
        assertThat(d.correlation().events()).extracting(EventRef::index).containsExactly(0L, 1L, 3L, 4L);
    }

    @Test
    void temporalNeedsAllRulesInOneWindowOfOneGroup() {
        assertThat(correlations(run(temporal(Type.TEMPORAL), List.of(cmd(0, "a", "h"), cmd(1, "b", "h"),
                cmd(2, "c", "other"))))).isEmpty();
        assertThat(correlations(run(temporal(Type.TEMPORAL), List.of(cmd(0, "a", "h"), cmd(1, "b", "h"),
                cmd(300.001, "c", "h"))))).isEmpty();
        assertThat(firedAt(run(temporal(Type.TEMPORAL), List.of(cmd(0, "a", "h"), cmd(1, "b", "h"),
                cmd(300, "c", "h"))))).containsExactly(2L);
    }

    @Test
    void temporalWithAConditionCountsDistinctRules() {
        assertThat(firedAt(run(temporal(Type.TEMPORAL, GTE, 2), List.of(cmd(0, "a", "h"), cmd(1, "a", "h"),
                cmd(2, "c", "h"))))).containsExactly(2L);
    }

    @Test
    void temporalOrderedNeedsTheListedOrder() {
        assertThat(firedAt(run(temporal(Type.TEMPORAL_ORDERED), List.of(cmd(0, "a", "h"), cmd(1, "c", "h"),
                cmd(2, "b", "h"), cmd(3, "c", "h"))))).containsExactly(3L);
        assertThat(correlations(run(temporal(Type.TEMPORAL_ORDERED), List.of(cmd(0, "c", "h"), cmd(1, "b", "h"),
                cmd(2, "a", "h"))))).isEmpty();
        assertThat(firedAt(run(temporal(Type.TEMPORAL_ORDERED), List.of(cmd(0, "a", "h"), cmd(150, "b", "h"),
                cmd(300, "c", "h"))))).containsExactly(2L);
        assertThat(correlations(run(temporal(Type.TEMPORAL_ORDERED), List.of(cmd(0, "a", "h"), cmd(150, "b", "h"),
                cmd(300.001, "c", "h"))))).isEmpty();
    }

    @Test
    void temporalOrderedListsTheMatchedSequence() {
        List<Detection> ds = run(temporal(Type.TEMPORAL_ORDERED), List.of(cmd(0, "b", "h"), cmd(1, "a", "h"),
                cmd(2, "a", "h"), cmd(3, "b", "h"), cmd(4, "c", "h")));
        assertThat(correlations(ds)).singleElement().satisfies(d -> assertThat(d.correlation().events())
                .extracting(EventRef::index).containsExactly(1L, 3L, 4L));
    }

    @Test
    void equalTimesAreOrderedByArrivalButOneEventIsNeverTwoSteps() {
        Engine ab = engine(pack(List.of(base("a"), base("b")), corr("ab", Type.TEMPORAL_ORDERED, "a", "b")
                .by("Computer").build()));
        assertThat(firedAt(run(ab, List.of(cmd(5, "a", "h"), cmd(5, "b", "h"))))).containsExactly(1L);
        assertThat(correlations(run(ab, List.of(cmd(5, "b", "h"), cmd(5, "a", "h"))))).isEmpty();
        // one event matching both rules is not "a then b"
        Engine both = engine(pack(List.of(base("a"), anyRule("b")), corr("ab", Type.TEMPORAL_ORDERED, "a", "b")
                .by("Computer").build()));
        assertThat(correlations(run(both, List.of(cmd(5, "a", "h"))))).isEmpty();
        assertThat(firedAt(run(both, List.of(cmd(5, "a", "h"), cmd(6, "x", "h"))))).containsExactly(1L);
    }

    /** A rule with id {@code id} that matches every event having a Computer field. */
    private static dev.edr.core.rule.SigmaRule anyRule(String id) {
        return dev.edr.core.testkit.Rules.rule(id, dev.edr.core.rule.LogSource.ANY,
                dev.edr.core.testkit.Rules.field("Computer", dev.edr.core.testkit.Rules.s("*")));
    }

    @Test
    void aliasesGroupAcrossDifferentlyNamedFields() {
        // the spec's example: an internal error and a new connection between the same two addresses
        Engine e = engine(pack(List.of(base("internal_error"), base("new_connection")),
                corr("pair", Type.TEMPORAL, "internal_error_name", "new_connection")
                        .by("internal_ip", "remote_ip").span(Duration.ofSeconds(10))
                        .alias("internal_ip", "internal_error_name", "destination.ip")
                        .alias("internal_ip", "new_connection", "source.ip")
                        .alias("remote_ip", "internal_error_name", "source.ip")
                        .alias("remote_ip", "new_connection", "destination.ip").build()));
        List<Event> events = List.of(
                ev(0, "Rule", "internal_error", "destination.ip", "10.0.0.5", "source.ip", "203.0.113.9"),
                ev(1, "Rule", "new_connection", "source.ip", "10.0.0.9", "destination.ip", "203.0.113.9"),
                ev(2, "Rule", "new_connection", "source.ip", "10.0.0.5", "destination.ip", "203.0.113.9"));
        List<Detection> ds = run(e, events);
        assertThat(firedAt(ds)).containsExactly(2L);
        assertThat(correlations(ds).get(0).correlation().group())
                .isEqualTo(Map.of("internal_ip", "10.0.0.5", "remote_ip", "203.0.113.9"));
        // without the aliases the same events share no group-by field
        Engine plain = engine(pack(List.of(base("internal_error"), base("new_connection")),
                corr("pair", Type.TEMPORAL, "internal_error", "new_connection").by("source.ip")
                        .span(Duration.ofSeconds(10)).build()));
        assertThat(correlations(run(plain, events))).isEmpty();
    }
}
