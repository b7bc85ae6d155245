package dev.edr.core.internal.correlation;

import static dev.edr.core.internal.correlation.Corr.*;
import static dev.edr.core.rule.CorrelationRule.Operator.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.engine.CorrelationLimits;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.CorrelationRule.Type;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.testkit.Rules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lateness, chaining, generate, filters, and what the stateless and stateful APIs return. */
class SessionSemanticsTest {
    private static final CorrelationRule BURST = corr("burst", Type.EVENT_COUNT, "fail").by("User").when(GTE, 3)
            .build();

    private static List<Event> burst(String user, double... seconds) {
        List<Event> out = new ArrayList<>();
        for (double s : seconds) out.add(ev(s, "Rule", "fail", "User", user));
        return out;
    }

    @Test
    void outOfOrderArrivalWithinTheLatenessCorrelatesAsIfSorted() {
        Engine e = engine(pack(List.of(base("fail")), BURST), Duration.ofSeconds(30), CorrelationLimits.DEFAULTS);
        // sorted: 0, 10, 20 fire at the event at 20 s; arrival order 10, 20, 0 (0 is 20 s late)
        List<Event> events = burst("u", 10, 20, 0);
        try (EngineSession session = e.newSession()) {
            assertThat(session.evaluate(events.get(0), new EventRef("f", 0))).isEmpty();
            assertThat(session.evaluate(events.get(1), new EventRef("f", 1))).isEmpty();
            assertThat(session.evaluate(events.get(2), new EventRef("f", 2))).isEmpty(); // held back, not late
            List<Detection> later = session.evaluate(ev(50, "Other", "x"), new EventRef("f", 3)); // watermark 20 s
            assertThat(later).singleElement().satisfies(d -> {
                assertThat(d.correlation().source()).isEqualTo(new EventRef("f", 1));
                assertThat(d.correlation().events()).containsExactly(new EventRef("f", 2), new EventRef("f", 0),
                        new EventRef("f", 1));
            });
            assertThat(session.flush()).isEmpty();
            assertThat(session.correlationStats().lateEvents()).isZero();
        }
    }

    @Test
    void shuffledWithinTheLatenessGivesTheSameDetectionsAsSorted() {
        Random random = new Random(42);
        List<Event> sorted = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < 300; i++) {
            t += 1 + random.nextInt(19); // distinct times: ties are ordered by arrival
            sorted.add(ev(t, "Rule", "fail", "User", "u" + random.nextInt(3)));
        }
        // blocks of 8 events span at most 7 * 19 s: within the lateness
        Engine e = engine(pack(List.of(base("fail")), BURST), Duration.ofMinutes(3), CorrelationLimits.DEFAULTS);
        List<EventRef> expected = sources(run(e, sorted));
        assertThat(expected).hasSizeGreaterThan(5);
        List<Event> shuffled = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += 8) {
            List<Event> block = new ArrayList<>(sorted.subList(i, Math.min(i + 8, sorted.size())));
            Collections.shuffle(block, random);
            shuffled.addAll(block);
        }
        List<Detection> got = new ArrayList<>();
        try (EngineSession s = e.newSession()) {
            for (Event ev : shuffled) got.addAll(s.evaluate(ev, new EventRef("f", sorted.indexOf(ev))));
            got.addAll(s.flush());
            assertThat(s.correlationStats().lateEvents()).isZero();
        }
        assertThat(sources(got)).containsExactlyElementsOf(expected);
    }

    private static List<EventRef> sources(List<Detection> ds) {
        return correlations(ds).stream().map(d -> d.correlation().source()).toList();
    }

    @Test
    void matchesLaterThanTheLatenessAreCountedAndWarnedNotCorrelated() {
        Engine e = engine(pack(List.of(base("fail")), BURST));
        try (EngineSession s = e.newSession()) {
            List<Detection> ds = run(s, burst("u", 10, 20, 5));
            assertThat(correlations(ds)).isEmpty(); // 5 s came after 20 s with zero lateness
            assertThat(s.correlationStats().lateEvents()).isEqualTo(1);
            assertThat(s.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo(IssueCode.LATE_EVENT);
                assertThat(w.location()).isEqualTo(BURST.location());
                assertThat(w.message()).contains("burst").contains("1 match");
            });
        }
    }

    @Test
    void eventsWithoutTimeAreNotCorrelated() {
        Engine e = engine(pack(List.of(base("fail")), BURST));
        try (EngineSession s = e.newSession()) {
            for (int i = 0; i < 3; i++) {
                assertThat(s.evaluate(Event.of(java.util.Map.of("Rule", "fail", "User", "u")))).isEmpty();
            }
            assertThat(s.flush()).isEmpty();
            assertThat(s.correlationStats().untimedEvents()).isEqualTo(3);
            assertThat(s.warnings()).extracting(Issue::code).containsExactly(IssueCode.LATE_EVENT);
        }
    }

    @Test
    void chainedCorrelationsFollowTheSpecExample() {
        // many failed logons (event_count) followed by a successful logon of the same user (temporal_ordered)
        List<SigmaRule> rules = List.of(base("failed_login"), base("successful_login"));
        CorrelationRule many = corr("many", Type.EVENT_COUNT, "failed_login").name("multiple_failed_login")
                .by("User").span(Duration.ofMinutes(10)).when(GTE, 3).build();
        CorrelationRule then = corr("then", Type.TEMPORAL_ORDERED, "multiple_failed_login", "successful_login_name")
                .by("User").span(Duration.ofMinutes(10)).build();
        List<Event> events = List.of(ev(0, "Rule", "failed_login", "User", "bob"),
                ev(1, "Rule", "successful_login", "User", "bob"),
                ev(2, "Rule", "failed_login", "User", "bob"),
                ev(3, "Rule", "failed_login", "User", "bob"),
                ev(4, "Rule", "failed_login", "User", "alice"),
                ev(5, "Rule", "successful_login", "User", "alice"),
                ev(6, "Rule", "successful_login", "User", "bob"));
        List<Detection> ds = run(engine(pack(rules, then, many)), events);
        assertThat(ds).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("then");
            assertThat(d.event()).isSameAs(events.get(6));
            assertThat(d.correlation().value()).isEqualByComparingTo("2");
            assertThat(d.correlation().group()).containsEntry("User", "bob");
            assertThat(d.correlation().events()).extracting(EventRef::index).containsExactly(0L, 2L, 3L, 6L);
        });
    }

    @Test
    void generateTrueAlsoOutputsTheReferencedRules() {
        List<SigmaRule> rules = List.of(base("failed_login"), base("successful_login"));
        CorrelationRule many = corr("many", Type.EVENT_COUNT, "failed_login").name("multiple_failed_login")
                .by("User").when(GTE, 2).generate().build();
        CorrelationRule then = corr("then", Type.TEMPORAL_ORDERED, "multiple_failed_login", "successful_login")
                .by("User").generate().build();
        List<Event> events = List.of(ev(0, "Rule", "failed_login", "User", "bob"),
                ev(1, "Rule", "failed_login", "User", "bob"), ev(2, "Rule", "successful_login", "User", "bob"));
        Engine e = engine(pack(rules, then, many));
        assertThat(run(e, events)).extracting(Detection::id)
                .containsExactly("failed_login", "failed_login", "many", "successful_login", "then");
        assertThat(e.evaluate(events.get(0))).extracting(Detection::id).containsExactly("failed_login");
    }

    @Test
    void referencedRulesAreHiddenWithoutGenerateAndOthersStay() {
        Engine e = engine(pack(List.of(base("fail"), base("other")), BURST));
        assertThat(e.evaluate(ev(0, "Rule", "fail", "User", "u"))).isEmpty();
        assertThat(e.evaluate(ev(0, "Rule", "other"))).extracting(Detection::id).containsExactly("other");
        assertThat(e.ruleCount()).isEqualTo(3);
        assertThat(e.issues()).isEmpty();
    }

    @Test
    void theStatelessEvaluateNeverCorrelates() {
        Engine e = engine(pack(List.of(base("fail")),
                corr("burst", Type.EVENT_COUNT, "fail").by("User").when(GTE, 1).generate().build()));
        for (Event ev : burst("u", 0, 1, 2)) {
            assertThat(e.evaluate(ev)).extracting(Detection::isCorrelation).containsExactly(false);
        }
    }

    @Test
    void filtersSuppressMatchesBeforeTheyAreCorrelated() {
        var filter = Rules.filter("svc", LogSource.ANY, List.of("fail"), Rules.field("User", Rules.s("svc_*")));
        Engine e = engine(pack(List.of(base("fail")), List.of(filter), BURST));
        assertThat(correlations(run(e, burst("svc_backup", 0, 1, 2, 3)))).isEmpty();
        assertThat(firedAt(run(e, burst("alice", 0, 1, 2)))).containsExactly(2L);
    }

    @Test
    void withoutASourceEventsAreNamedByTheirPositionInTheSession() {
        Engine e = engine(pack(List.of(base("fail")), BURST));
        List<Detection> out = new ArrayList<>();
        try (EngineSession s = e.newSession()) {
            s.evaluate(ev(0, "Other", "x"));
            for (Event ev : burst("u", 1, 2, 3)) out.addAll(s.evaluate(ev));
        }
        assertThat(out).singleElement().satisfies(d -> assertThat(d.correlation().events())
                .containsExactly(new EventRef(null, 1), new EventRef(null, 2), new EventRef(null, 3)));
    }

    @Test
    void correlationDetectionsComeAfterTheEventsOwnDetections() {
        Engine e = engine(pack(List.of(base("fail"), Rules.rule("any", LogSource.ANY,
                Rules.field("User", Rules.s("*")))), BURST));
        List<Detection> ds = run(e, burst("u", 0, 1, 2));
        assertThat(ds).extracting(Detection::id).containsExactly("any", "any", "any", "burst");
    }
}
