package dev.edr.core.internal.correlation;

import static dev.edr.core.internal.correlation.Corr.*;
import static dev.edr.core.rule.CorrelationRule.Operator.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.engine.CorrelationLimits;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EventRef;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.CorrelationRule.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State stays bounded: expiry by event time, and the caps (counted and warned). */
class StateLimitsTest {
    private static final CorrelationRule BURST = corr("burst", Type.EVENT_COUNT, "fail").by("User").when(GTE, 3)
            .build();

    private static CorrelationSession session(Engine e) {
        return (CorrelationSession) e.newSession();
    }

    @Test
    void stateExpiresWithEventTimeSoItDoesNotGrowWithTheInput() {
        Engine e = engine(pack(List.of(base("fail")), BURST));
        try (CorrelationSession s = session(e)) {
            long maxGroups = 0;
            long maxFacts = 0;
            for (int i = 0; i < 20_000; i++) {
                // a new user every second: at most ~61 users are inside any one-minute window
                s.evaluate(ev(i, "Rule", "fail", "User", "user" + i), new EventRef("f", i));
                maxGroups = Math.max(maxGroups, s.groupCount());
                maxFacts = Math.max(maxFacts, s.factCount());
            }
            assertThat(maxGroups).isBetween(60L, 62L);
            assertThat(maxFacts).isBetween(60L, 62L);
            assertThat(s.correlationStats().signals()).isEqualTo(20_000);
            assertThat(s.correlationStats().evictedGroups()).isZero();
            assertThat(s.warnings()).isEmpty();
        }
    }

    @Test
    void theGroupKeyCapEvictsTheLeastRecentlyActiveGroupAndWarns() {
        Engine e = engine(pack(List.of(base("fail")), BURST), Duration.ZERO, new CorrelationLimits(100, 1000, 1000));
        try (CorrelationSession s = session(e)) {
            List<Detection> out = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                out.addAll(s.evaluate(ev(i * 0.01, "Rule", "fail", "User", "user" + i), new EventRef("f", i)));
            }
            // "user999" is recent; its group survived: two more of its failures fire
            out.addAll(s.evaluate(ev(11, "Rule", "fail", "User", "user999"), new EventRef("f", 1000)));
            out.addAll(s.evaluate(ev(12, "Rule", "fail", "User", "user999"), new EventRef("f", 1001)));
            // "user0" was evicted: two more of its failures are not enough
            out.addAll(s.evaluate(ev(13, "Rule", "fail", "User", "user0"), new EventRef("f", 1002)));
            out.addAll(s.evaluate(ev(14, "Rule", "fail", "User", "user0"), new EventRef("f", 1003)));
            assertThat(firedAt(out)).containsExactly(1001L);
            assertThat(s.groupCount()).isEqualTo(100);
            assertThat(s.factCount()).isLessThanOrEqualTo(104);
            assertThat(s.correlationStats().evictedGroups()).isEqualTo(901);
            assertThat(s.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo(IssueCode.CORRELATION_LIMIT);
                assertThat(w.location()).isEqualTo(BURST.location());
                assertThat(w.message()).contains("901 group(s)").contains("100 group keys");
            });
        }
    }

    @Test
    void theEventCapMakesCountsSaturate() {
        CorrelationRule eleven = corr("eleven", Type.EVENT_COUNT, "fail").by("User").when(GTE, 11).build();
        Engine capped = engine(pack(List.of(base("fail")), eleven), Duration.ZERO, new CorrelationLimits(10, 10, 10));
        List<dev.edr.core.event.Event> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) events.add(ev(i, "Rule", "fail", "User", "u"));
        try (CorrelationSession s = session(capped)) {
            assertThat(correlations(run(s, events))).isEmpty();
            assertThat(s.correlationStats().evictedEvents()).isEqualTo(10);
            assertThat(s.factCount()).isEqualTo(10);
            assertThat(s.warnings()).extracting(Issue::message).singleElement().asString()
                    .contains("10 event(s) evicted at the cap of 10 events per group");
        }
        assertThat(firedAt(run(engine(pack(List.of(base("fail")), eleven)), events))).containsExactly(10L);
    }

    @Test
    void theDistinctValueCapBoundsValueCounts() {
        CorrelationRule spray = corr("spray", Type.VALUE_COUNT, "fail").by("Ip").field("User").when(GTE, 6).build();
        List<dev.edr.core.event.Event> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) events.add(ev(i, "Rule", "fail", "Ip", "ip", "User", "u" + i));
        Engine capped = engine(pack(List.of(base("fail")), spray), Duration.ZERO, new CorrelationLimits(10, 100, 5));
        try (CorrelationSession s = session(capped)) {
            assertThat(correlations(run(s, events))).isEmpty();
            assertThat(s.correlationStats().evictedValues()).isEqualTo(3);
            assertThat(s.warnings()).extracting(Issue::message).singleElement().asString()
                    .contains("distinct values per group");
        }
        assertThat(firedAt(run(engine(pack(List.of(base("fail")), spray)), events))).containsExactly(5L);
    }

    @Test
    void chainedSignalsAreReleasedToo() {
        CorrelationRule many = corr("many", Type.EVENT_COUNT, "fail").name("many").by("User").when(GTE, 2).build();
        CorrelationRule then = corr("then", Type.TEMPORAL_ORDERED, "many", "ok").by("User").build();
        Engine e = engine(pack(List.of(base("fail"), base("ok")), many, then));
        try (CorrelationSession s = session(e)) {
            for (int i = 0; i < 3000; i++) {
                s.evaluate(ev(i * 10, "Rule", i % 3 == 2 ? "ok" : "fail", "User", "u" + (i / 3)));
            }
            assertThat(s.correlationStats().fired()).isEqualTo(2000); // each user: "many" then "then"
            assertThat(s.factCount()).isLessThan(30);
            assertThat(s.groupCount()).isLessThan(30);
        }
    }
}
