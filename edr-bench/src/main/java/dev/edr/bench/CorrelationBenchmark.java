package dev.edr.bench;

import dev.edr.core.engine.CorrelationStats;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import dev.edr.core.diag.SourceLocation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Correlation throughput with 100,000 distinct group keys live at once. Each invocation feeds a fresh session
 * 200,000 timestamped events: every user fails once (first half), then once more or succeeds (second half), all
 * within 50 s of event time, so all 100,000 groups are inside the one-minute window together and each fires
 * once. {@code event_count}: two failures per user; {@code temporal}: a failure and a success per user.
 * The heap is capped at 1 GiB for the fork: the run failing with OutOfMemoryError would mean unbounded state.
 * Run with {@code -prof gc} to see allocation per event.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class CorrelationBenchmark {
    static final int KEYS = 100_000;
    static final int EVENTS = 2 * KEYS;

    @Param({"event_count", "temporal"})
    public String type;

    private Engine engine;
    private Event[] events;
    private EngineSession session;

    @Setup(Level.Trial)
    public void build() {
        SigmaRule fail = rule("fail", "4625");
        SigmaRule success = rule("success", "4624");
        boolean temporal = type.equals("temporal");
        CorrelationRule c = new CorrelationRule(RuleMeta.of("bench", "bench", "high"),
                temporal ? CorrelationRule.Type.TEMPORAL : CorrelationRule.Type.EVENT_COUNT,
                temporal ? List.of("fail", "success") : List.of("fail"), Map.of(), List.of("TargetUserName"),
                Duration.ofMinutes(1), temporal ? null : new CorrelationRule.CorrelationCondition(
                        Map.of(CorrelationRule.Operator.GTE, BigDecimal.valueOf(2)), null, null),
                false, SourceLocation.of("bench.yml", 1, 1));
        engine = Engine.builder().rules(new RulePack(List.of(fail, success), List.of(c), List.of(), List.of())).build();
        if (!engine.issues().isEmpty()) throw new IllegalStateException(engine.issues().toString());
        Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
        events = new Event[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            String id = i >= KEYS && temporal ? "4624" : "4625";
            events[i] = Event.builder().product("windows").services(java.util.Set.of("security"))
                    .time(t0.plusNanos(250_000L * i)).fields(Map.of("EventID", id, "TargetUserName",
                            "user" + (i % KEYS), "IpAddress", "10.0.0." + (i % 250))).build();
        }
    }

    @Setup(Level.Invocation)
    public void openSession() {
        session = engine.newSession();
    }

    @TearDown(Level.Invocation)
    public void closeSession() {
        CorrelationStats stats = session.correlationStats();
        session.close();
        if (stats.fired() != KEYS || stats.evictedGroups() != 0) {
            throw new IllegalStateException("unexpected correlation result: " + stats);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int feed() {
        int detections = 0;
        for (Event e : events) detections += session.evaluate(e).size();
        return detections + session.flush().size();
    }

    private static SigmaRule rule(String id, String eventId) {
        Selection sel = new Selection.FieldMatch("EventID",
                List.of(new ValueMatch.StringMatch(Glob.of(List.of(new Glob.Text(eventId))), false)), false, false,
                null);
        return new SigmaRule(RuleMeta.of(id, id, "low"), new LogSource("windows", null, "security", null),
                new Detection(Map.of("selection", sel), new Condition.Ref("selection"), "selection"),
                SourceLocation.of(id + ".yml", 1, 1));
    }
}
