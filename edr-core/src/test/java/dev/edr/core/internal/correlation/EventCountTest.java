package dev.edr.core.internal.correlation;

import static dev.edr.core.internal.correlation.Corr.*;
import static dev.edr.core.rule.CorrelationRule.Operator.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import dev.edr.core.rule.CorrelationRule.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCountTest {
    private static Engine fiveFailuresPerUserPerMinute() {
        return engine(pack(List.of(base("fail")),
                corr("burst", Type.EVENT_COUNT, "fail").by("User").when(GTE, 5).build()));
    }

    private static List<Event> failures(String user, double... seconds) {
        List<Event> out = new ArrayList<>();
        for (double s : seconds) out.add(ev(s, "Rule", "fail", "User", user));
        return out;
    }

    @Test
    void firesOnceWhenTheCountIsReachedWithinTheTimespan() {
        List<Detection> ds = run(fiveFailuresPerUserPerMinute(), failures("alice", 0, 10, 20, 30, 40, 50, 55));
        assertThat(firedAt(ds)).containsExactly(4L);
        Detection d = correlations(ds).get(0);
        assertThat(d.id()).isEqualTo("burst");
        assertThat(d.level()).isEqualTo("critical");
        assertThat(d.correlation().type()).isEqualTo(Type.EVENT_COUNT);
        assertThat(d.correlation().valueName()).isEqualTo("count");
        assertThat(d.correlation().value()).isEqualByComparingTo("5");
        assertThat(d.correlation().group()).isEqualTo(Map.of("User", "alice"));
        assertThat(d.correlation().events()).extracting(EventRef::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(d.correlation().events()).allMatch(r -> r.file().equals("f"));
        assertThat(d.event().get("User")).isEqualTo("alice");
        assertThat(d.event().time()).isEqualTo(T0.plusSeconds(40));
    }

    @Test
    void doesNotFireBelowTheCountOrAcrossGroups() {
        assertThat(correlations(run(fiveFailuresPerUserPerMinute(), failures("alice", 0, 10, 20, 30)))).isEmpty();
        List<Event> mixed = new ArrayList<>(failures("alice", 0, 10, 20));
        mixed.addAll(failures("bob", 30, 40));
        mixed.sort(java.util.Comparator.comparing(Event::time));
        assertThat(correlations(run(fiveFailuresPerUserPerMinute(), mixed))).isEmpty();
    }

    @Test
    void theWindowIncludesBothEndsExactlyOneTimespanApart() {
        assertThat(firedAt(run(fiveFailuresPerUserPerMinute(), failures("alice", 0, 15, 30, 45, 60))))
                .containsExactly(4L);
        assertThat(firedAt(run(fiveFailuresPerUserPerMinute(), failures("alice", 0, 15, 30, 45, 60.001))))
                .isEmpty();
    }

    @Test
    void aBurstStraddlingAMinuteBoundaryFiresOnASlidingWindow() {
        // 10:00:40 .. 10:01:20: fixed one-minute buckets would see 2 and 3 events; any 60 s window sees all 5
        List<Detection> ds = run(fiveFailuresPerUserPerMinute(), failures("alice", 40, 50, 60, 70, 80));
        assertThat(firedAt(ds)).containsExactly(4L);
    }

    @Test
    void staysQuietWhileTheConditionHoldsAndFiresAgainAfterItLapsed() {
        // burst 1 fires at index 4; 5..6 keep it true; a long pause empties the window; burst 2 fires at index 11
        List<Event> events = new ArrayList<>(failures("alice", 0, 1, 2, 3, 4, 5, 6));
        events.addAll(failures("alice", 300, 301, 302, 303, 304));
        assertThat(firedAt(run(fiveFailuresPerUserPerMinute(), events))).containsExactly(4L, 11L);
    }

    @Test
    void reArmsWhenTheConditionIsSeenFalseWithoutTheWindowEmptying() {
        // 5 within a minute (fires at 4), then one at 61 s: window [1, 61] holds 4 -> false -> armed again;
        // then 62 s: window [2, 62] holds 5 (2,3,4,61,62) -> fires again
        List<Detection> ds = run(fiveFailuresPerUserPerMinute(), failures("alice", 0, 1, 2, 3, 4, 61.5, 62));
        assertThat(firedAt(ds)).containsExactly(4L, 6L);
    }

    @Test
    void groupsByEveryFieldTogetherAndSkipsEventsWithoutThem() {
        Engine e = engine(pack(List.of(base("fail")),
                corr("burst", Type.EVENT_COUNT, "fail").by("User", "Host").when(GTE, 3).build()));
        List<Event> events = List.of(ev(0, "Rule", "fail", "User", "a", "Host", "h1"),
                ev(1, "Rule", "fail", "User", "a", "Host", "h2"),
                ev(2, "Rule", "fail", "User", "a"),
                ev(3, "Rule", "fail", "User", "A", "Host", "H1"),
                ev(4, "Rule", "fail", "User", "a", "Host", "h1"));
        List<Detection> ds = run(e, events);
        assertThat(firedAt(ds)).containsExactly(4L);
        assertThat(correlations(ds).get(0).correlation().events()).extracting(EventRef::index)
                .containsExactly(0L, 3L, 4L);
        assertThat(correlations(ds).get(0).correlation().group()).containsEntry("User", "a").containsEntry("Host", "h1");
    }

    @Test
    void withoutGroupByAllEventsFormOneGroup() {
        Engine e = engine(pack(List.of(base("fail")), corr("any", Type.EVENT_COUNT, "fail").when(GT, 2).build()));
        List<Detection> ds = run(e, List.of(ev(0, "Rule", "fail", "User", "a"), ev(1, "Rule", "fail", "User", "b"),
                ev(2, "Rule", "fail")));
        assertThat(firedAt(ds)).containsExactly(2L);
        assertThat(correlations(ds).get(0).correlation().value()).isEqualTo(BigDecimal.valueOf(3));
    }
}
