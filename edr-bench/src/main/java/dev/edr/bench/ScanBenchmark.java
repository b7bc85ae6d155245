package dev.edr.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole dataset file per operation, from bytes in memory (so both benchmarks read the same input and disk
 * speed does not enter): {@code parseOnly} is the floor any JSON reader pays, {@code scan} is what {@code edr scan}
 * does per record. Events per second are the {@code events} secondary result of each (JMH auxiliary counter).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class ScanBenchmark {
    private static final JsonFactory JSON = new JsonFactory();

    @State(Scope.Benchmark)
    public static class Input {
        byte[] bytes;

        @Setup(Level.Trial)
        public void read() {
            bytes = BenchData.eventBytes();
        }
    }

    @State(Scope.Thread)
    public static class Scanner {
        EventNormalizer normalizer;
        Engine engine;
        EngineSession session;

        @Setup(Level.Trial)
        public void build() {
            normalizer = BenchData.normalizer();
            engine = Engine.builder().rules(BenchData.windowsPack()).build();
            session = engine.newSession();
        }

        @TearDown(Level.Trial)
        public void close() {
            session.close();
        }
    }

    /** Counts events; JMH reports it as a rate next to the primary (files per second) result. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counter {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }

    /**
     * Jackson streaming parse alone: every token, with every field name, string and number value decoded (what
     * any reader must at least do to see the values), nothing built.
     */
    @Benchmark
    public void parseOnly(Input input, Counter counter, Blackhole bh) throws IOException {
        try (JsonParser p = JSON.createParser(new ByteArrayInputStream(input.bytes))) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        if (--depth == 0) counter.events++;
                    }
                    case FIELD_NAME, VALUE_STRING -> bh.consume(p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> bh.consume(p.getNumberValue());
                    default -> bh.consume(t);
                }
            }
        }
    }

    /** End to end: read the JSON lines into records, normalize each, evaluate it against the Windows pack. */
    @Benchmark
    public void scan(Input input, Scanner scanner, Counter counter, Blackhole bh) {
        try (Stream<EventRecord> records = EventReader.create().read(new ByteArrayInputStream(input.bytes), "events",
                issue -> bh.consume(issue))) {
            Iterator<EventRecord> it = records.iterator();
            while (it.hasNext()) {
                bh.consume(scanner.session.evaluate(scanner.normalizer.normalize(it.next().json())));
                counter.events++;
            }
        }
    }
}
