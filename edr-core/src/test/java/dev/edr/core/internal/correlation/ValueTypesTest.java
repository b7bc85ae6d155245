package dev.edr.core.internal.correlation;

import static dev.edr.core.internal.correlation.Corr.*;
import static dev.edr.core.rule.CorrelationRule.Operator.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import dev.edr.core.rule.CorrelationRule.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** value_count, value_sum, value_avg and value_percentile: positive, negative and at the boundary. */
class ValueTypesTest {
    private static Event logon(double s, String ip, String user) {
        return ev(s, "Rule", "fail", "IpAddress", ip, "TargetUserName", user);
    }

    private static Engine spraying(Object... bounds) {
        return engine(pack(List.of(base("fail")), corr("spray", Type.VALUE_COUNT, "fail").by("IpAddress")
                .field("TargetUserName").when(bounds).build()));
    }

    @Test
    void valueCountCountsDistinctValuesCaseInsensitively() {
        List<Detection> ds = run(spraying(GTE, 3), List.of(logon(0, "10.0.0.1", "alice"), logon(1, "10.0.0.1", "ALICE"),
                logon(2, "10.0.0.1", "bob"), logon(3, "10.0.0.2", "carol"), logon(4, "10.0.0.1", "carol")));
        assertThat(firedAt(ds)).containsExactly(4L);
        Detection d = correlations(ds).get(0);
        assertThat(d.correlation().value()).isEqualByComparingTo("3");
        assertThat(d.correlation().events()).extracting(EventRef::index).containsExactly(0L, 1L, 2L, 4L);
    }

    @Test
    void valueCountIgnoresRepeatsAndEventsWithoutTheField() {
        List<Detection> ds = run(spraying(GTE, 3), List.of(logon(0, "ip", "alice"), logon(1, "ip", "alice"),
                logon(2, "ip", "bob"), ev(3, "Rule", "fail", "IpAddress", "ip"), logon(4, "ip", "bob")));
        assertThat(correlations(ds)).isEmpty();
    }

    @Test
    void valueCountAtTheBoundary() {
        assertThat(firedAt(run(spraying(GTE, 3), List.of(logon(0, "ip", "a"), logon(30, "ip", "b"),
                logon(60, "ip", "c"))))).containsExactly(2L);
        assertThat(firedAt(run(spraying(GTE, 3), List.of(logon(0, "ip", "a"), logon(30, "ip", "b"),
                logon(60.001, "ip", "c"))))).isEmpty();
        assertThat(firedAt(run(spraying(GT, 3), List.of(logon(0, "ip", "a"), logon(1, "ip", "b"),
                logon(2, "ip", "c"))))).isEmpty();
    }

    private static Engine exfil(Type type, Object... bounds) {
        return engine(pack(List.of(base("upload")), corr("exfil", type, "upload").by("User").field("Bytes")
                .when(bounds).build()));
    }

    private static Event upload(double s, String user, Object bytes) {
        return ev(s, "Rule", "upload", "User", user, "Bytes", bytes);
    }

    @Test
    void valueSumAddsNumbersAndNumericTextInTheWindow() {
        List<Detection> ds = run(exfil(Type.VALUE_SUM, GT, 1000), List.of(upload(0, "u", 400), upload(10, "u", "300"),
                upload(20, "u", "x"), upload(30, "u", 300.5)));
        assertThat(firedAt(ds)).containsExactly(3L);
        assertThat(correlations(ds).get(0).correlation().value()).isEqualByComparingTo("1000.5");
        assertThat(correlations(ds).get(0).correlation().valueName()).isEqualTo("value");
    }

    @Test
    void valueSumAtTheBoundaryAndAfterOldValuesLeave() {
        assertThat(firedAt(run(exfil(Type.VALUE_SUM, GT, 1000), List.of(upload(0, "u", 500), upload(1, "u", 500)))))
                .isEmpty();
        assertThat(firedAt(run(exfil(Type.VALUE_SUM, GTE, 1000), List.of(upload(0, "u", 500), upload(60, "u", 500)))))
                .containsExactly(1L);
        // the 900 leaves the window before the last upload: 200 + 200 is not over 1000
        assertThat(firedAt(run(exfil(Type.VALUE_SUM, GT, 1000), List.of(upload(0, "u", 900), upload(30, "u", 50),
                upload(61, "u", 200), upload(62, "u", 200))))).isEmpty();
    }

    @Test
    void valueAvgAveragesTheNumbersInTheWindow() {
        assertThat(firedAt(run(exfil(Type.VALUE_AVG, GT, 500), List.of(upload(0, "u", 100), upload(1, "u", 1200),
                upload(2, "u", 400))))).containsExactly(1L);
        List<Detection> exact = run(exfil(Type.VALUE_AVG, GTE, 500), List.of(upload(0, "u", 400), upload(60, "u", 600)));
        assertThat(firedAt(exact)).containsExactly(1L);
        assertThat(correlations(exact).get(0).correlation().value()).isEqualByComparingTo("500");
        assertThat(firedAt(run(exfil(Type.VALUE_AVG, GT, 500), List.of(upload(0, "u", 400), upload(1, "u", 600)))))
                .isEmpty();
        assertThat(firedAt(run(exfil(Type.VALUE_AVG, GT, 500), List.of(upload(0, "u", 2000), upload(61, "u", 100)))))
                .containsExactly(0L);
    }

    private static Event proc(double s, String host, String image) {
        return ev(s, "Rule", "proc", "Computer", host, "Image", image);
    }

    @Test
    void valuePercentileWithoutPercentileIsTheShareOfTheCurrentValue() {
        // a process name making up at most 10% of a host's process creations in the window is rare
        Engine e = engine(pack(List.of(base("proc")), corr("rare", Type.VALUE_PERCENTILE, "proc").by("Computer")
                .field("Image").when(LTE, 10).span(java.time.Duration.ofHours(1)).build()));
        List<Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) events.add(proc(i, "h", "svchost.exe"));
        events.add(proc(10, "h", "evil.exe")); // 1 of 10 = 10%
        events.add(proc(11, "h2", "evil.exe")); // 100% on its own host
        List<Detection> ds = run(e, events);
        assertThat(firedAt(ds)).containsExactly(9L);
        assertThat(correlations(ds).get(0).correlation().value()).isEqualByComparingTo("10");
        List<Event> notRare = new java.util.ArrayList<>(events.subList(0, 8));
        notRare.add(proc(10, "h", "evil.exe")); // 1 of 9 = 11.1%
        assertThat(firedAt(run(e, notRare))).isEmpty();
    }

    @Test
    void valuePercentileWithPercentileComparesThatPercentileOfTheNumbers() {
        Engine e = engine(pack(List.of(base("req")), corr("slow", Type.VALUE_PERCENTILE, "req").by("Host")
                .field("Duration").percentile(90).when(GTE, 1000).build()));
        List<Event> events = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) events.add(ev(i, "Rule", "req", "Host", "h", "Duration", 10 * (i + 1)));
        events.add(ev(9, "Rule", "req", "Host", "h", "Duration", 5000)); // p90 of 10 values is the 9th: 90
        events.add(ev(10, "Rule", "req", "Host", "h", "Duration", 4000)); // 11 values: rank 10 -> 4000
        List<Detection> ds = run(e, events);
        assertThat(firedAt(ds)).containsExactly(10L);
        assertThat(correlations(ds).get(0).correlation().value()).isEqualByComparingTo("4000");
    }

    @Test
    void rangesAndTheOtherOperators() {
        List<Event> three = List.of(logon(0, "ip", "a"), logon(1, "ip", "b"), logon(2, "ip", "c"));
        assertThat(firedAt(run(spraying(GT, 1, LTE, 2), three))).containsExactly(1L);
        assertThat(firedAt(run(spraying(EQ, 3), three))).containsExactly(2L);
        // neq 2: true at 1 (fires), false at 2 (re-arms), true at 3 (fires again)
        assertThat(firedAt(run(spraying(NEQ, 2), three))).containsExactly(0L, 2L);
        assertThat(firedAt(run(spraying(LT, 2), three))).containsExactly(0L);
        assertThat(firedAt(run(spraying(GTE, 2, LT, 3), three))).containsExactly(1L);
    }
}
