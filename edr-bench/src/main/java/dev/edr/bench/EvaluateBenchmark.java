package dev.edr.bench;

import dev.edr.bench.naive.NaiveDroolsEngine;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.internal.drools.DroolsEngine;
import dev.edr.core.rule.RulePack;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation of pre-normalized events (the evtx-attack-samples dataset, cycled) against the SigmaHQ Windows pack.
 * One operation is one event, so the throughput is in events per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class EvaluateBenchmark {

    /** The dataset, normalized once, and a cursor cycling through it. */
    @State(Scope.Thread)
    public static class Events {
        Event[] events;
        int next;

        @Setup(Level.Trial)
        public void read() {
            events = BenchData.normalizedEvents().toArray(Event[]::new);
        }

        Event next() {
            Event e = events[next];
            next = next + 1 == events.length ? 0 : next + 1;
            return e;
        }
    }

    /** The Windows pack, shared by the engine states. */
    @State(Scope.Benchmark)
    public static class Pack {
        RulePack windows;

        @Setup(Level.Trial)
        public void load() {
            windows = BenchData.windowsPack();
        }
    }

    @State(Scope.Thread)
    public static class EngineState {
        Engine engine;
        EngineSession session;

        @Setup(Level.Trial)
        public void build(Pack pack) {
            engine = Engine.builder().rules(pack.windows).build();
            session = engine.newSession();
            System.out.printf("%nengine: %d of %d Windows rules compiled%n", engine.ruleCount(), pack.windows.rules().size());
            if (engine instanceof DroolsEngine drools) {
                System.out.println("prefilter: " + drools.describeIndex());
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            session.close();
        }
    }

    /**
     * The pack's keyword rules alone (17, among them "Mimikatz Use", which applies to every Windows record): what
     * searching whole records costs, apart from the field scans and Drools.
     */
    @State(Scope.Thread)
    public static class KeywordState {
        EngineSession session;

        @Setup(Level.Trial)
        public void build(Pack pack) {
            RulePack keywords = RulePack.of(pack.windows.rules().stream().filter(BenchData::hasKeywords).toList());
            session = Engine.builder().rules(keywords).build().newSession();
            System.out.printf("%nkeyword rules: %d%n", keywords.rules().size());
        }

        @TearDown(Level.Trial)
        public void close() {
            session.close();
        }
    }

    @State(Scope.Thread)
    public static class NaiveState {
        NaiveDroolsEngine naive;

        /** Also proves the baseline computes the same detections as the engine, so the ratio compares like with like. */
        @Setup(Level.Trial)
        public void build(Pack pack, Events events) {
            naive = new NaiveDroolsEngine(pack.windows);
            Engine engine = Engine.builder().rules(pack.windows).build();
            long detections = 0;
            for (Event e : events.events) {
                List<Detection> expected = engine.evaluate(e);
                if (!expected.equals(naive.evaluate(e))) {
                    throw new IllegalStateException("the naive baseline disagrees with the engine on " + e);
                }
                detections += expected.size();
            }
            System.out.printf("%nnaive: %d rules, same %d detections as the engine on %d events%n",
                    naive.ruleCount(), detections, events.events.length);
        }

        @TearDown(Level.Trial)
        public void close() {
            naive.close();
        }
    }

    @Benchmark
    public List<Detection> engine(EngineState state, Events events) {
        return state.session.evaluate(events.next());
    }

    /** The same work as {@link #engine}, timed per event: percentiles of the evaluation latency. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Detection> engineLatency(EngineState state, Events events) {
        return state.session.evaluate(events.next());
    }

    /** {@link #engine} with the keyword rules alone ({@link KeywordState}). */
    @Benchmark
    public List<Detection> keywordRules(KeywordState state, Events events) {
        return state.session.evaluate(events.next());
    }

    @Benchmark
    public List<Detection> naiveDrools(NaiveState state, Events events) {
        return state.naive.evaluate(events.next());
    }
}
