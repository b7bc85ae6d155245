package dev.edr.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reading and normalizing alone (no evaluation), compared between builds in one JVM like {@link Interleave}: each
 * {@code benchmarks.jar} is loaded in its own class loader and the builds take turns reading the dataset from
 * bytes in memory and normalizing every record, pass after pass. Before timing, each build's events are digested
 * (logsource, time, host, fields in order) so that a faster build that changed what it produces shows a different
 * digest. Prints the median and best CPU nanoseconds per event of each, and of a bare Jackson parse of the same
 * bytes for reference ({@link ScanBenchmark#parseOnly}). With one jar it is a plain loop for profilers. With
 * {@code -Devaluate=true} each build also evaluates its events against the Windows pack: the whole scan of
 * {@link ScanBenchmark#scan}, compared the same way (the detections are counted too). Run: {@code java -Dpasses=30 -cp edr-bench/target/benchmarks.jar dev.edr.bench.ReadInterleave
 * old.jar new.jar}.
 */
public final class ReadInterleave {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static final JsonFactory JSON = new JsonFactory();

    private ReadInterleave() {}

    /** One build's reader and normalizer, called through its own class loader. */
    /** Detections of the last pass (with {@code -Devaluate=true}). */
    private static final long[] detections = {0};

    private record Build(String jar, Object reader, MethodHandle read, MethodHandle json, MethodHandle normalize,
            MethodHandle evaluate) {
        /** Reads and normalizes every record, handing each event to {@code sink}; the number of events. */
        long pass(byte[] bytes, Consumer<Object> sink) throws Throwable {
            detections[0] = 0;
            long n = 0;
            Consumer<Object> issues = issue -> {
                throw new IllegalStateException("bad record in the dataset: " + issue);
            };
            try (Stream<?> records = (Stream<?>) read.invokeExact(reader, (InputStream) new ByteArrayInputStream(bytes),
                    "events", issues)) {
                Iterator<?> it = records.iterator();
                while (it.hasNext()) {
                    Object record = it.next();
                    Object event = normalize.invokeExact((Map<?, ?>) json.invokeExact(record));
                    if (evaluate != null) detections[0] += ((List<?>) evaluate.invokeExact(event)).size();
                    sink.accept(event);
                    n++;
                }
            }
            return n;
        }
    }

    public static void main(String[] jars) throws Throwable {
        byte[] bytes = BenchData.eventBytes();
        int n = jars.length;
        Build[] builds = new Build[n];
        for (int i = 0; i < n; i++) {
            builds[i] = load(jars[i]);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long events = builds[i].pass(bytes, e -> md.update(describe(e).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
            System.out.printf("%s: %d events, digest %s, %d detections%n", jars[i], events,
                    HexFormat.of().formatHex(md.digest()).substring(0, 16), detections[0]);
        }
        int passes = Integer.getInteger("passes", 30);
        double[][] nanos = new double[n][passes];
        double[] parse = new double[passes];
        long[] sink = {0};
        for (int p = -Integer.getInteger("warmup", 5); p < passes; p++) { // negative passes warm up, not counted
            long parseStart = THREADS.getCurrentThreadCpuTime();
            long parsed = parseOnly(bytes, sink);
            if (p >= 0) parse[p] = (THREADS.getCurrentThreadCpuTime() - parseStart) / (double) parsed;
            for (int i = 0; i < n; i++) {
                long start = THREADS.getCurrentThreadCpuTime();
                long events = builds[i].pass(bytes, e -> sink[0] += System.identityHashCode(e) & 1);
                double perEvent = (THREADS.getCurrentThreadCpuTime() - start) / (double) events;
                if (p < 0) continue;
                nanos[i][p] = perEvent;
                if (n == 1) System.out.printf("pass %d: %.0f ns per event%n", p, perEvent);
            }
        }
        for (int i = 0; i < n; i++) {
            double[] r = nanos[i].clone();
            Arrays.sort(r);
            System.out.printf("%-40s median %,7.0f  best %,7.0f  CPU ns per event (read + normalize%s)%n", jars[i],
                    r[passes / 2], r[0], builds[i].evaluate() == null ? "" : " + evaluate");
        }
        Arrays.sort(parse);
        System.out.printf("%-40s median %,7.0f  best %,7.0f  CPU ns per event%n", "(Jackson parse only)",
                parse[passes / 2], parse[0]);
        if (sink[0] == 42) System.out.println(); // keeps the events observable
    }

    /**
     * {@link ScanBenchmark#parseOnly}: the floor, every token decoded, nothing built; the number of records (what was
     * decoded is added to {@code sink[0]}).
     */
    static long parseOnly(byte[] bytes, long[] sink) throws java.io.IOException {
        long records = 0;
        try (JsonParser p = JSON.createParser(bytes)) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> {
                        if (--depth == 0) records++;
                    }
                    case FIELD_NAME, VALUE_STRING -> sink[0] += p.getText().length();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> sink[0] += p.getNumberValue().hashCode();
                    default -> sink[0]++;
                }
            }
        }
        return records;
    }

    private static Build load(String jar) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> readerType = loader.loadClass("dev.edr.core.event.EventReader");
        Object reader = readerType.getMethod("create").invoke(null);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle read = lookup.findVirtual(readerType, "read",
                MethodType.methodType(Stream.class, InputStream.class, String.class, Consumer.class))
                .asType(MethodType.methodType(Stream.class, Object.class, InputStream.class, String.class,
                        Consumer.class));
        MethodHandle json = lookup.findVirtual(loader.loadClass("dev.edr.core.event.EventRecord"), "json",
                MethodType.methodType(Map.class)).asType(MethodType.methodType(Map.class, Object.class));
        Method normalizerOf = loader.loadClass("dev.edr.bench.BenchData").getDeclaredMethod("normalizer");
        Object normalizer = normalizerOf.invoke(null);
        Class<?> normalizerType = loader.loadClass("dev.edr.core.event.EventNormalizer");
        MethodHandle normalize = lookup.findVirtual(normalizerType, "normalize",
                MethodType.methodType(loader.loadClass("dev.edr.core.event.Event"), Map.class))
                .bindTo(normalizer).asType(MethodType.methodType(Object.class, Map.class));
        MethodHandle evaluate = null;
        if (Boolean.getBoolean("evaluate")) { // the whole scan, as Profile scan does it
            Class<?> data = loader.loadClass("dev.edr.bench.BenchData");
            Method packOf = data.getDeclaredMethod("windowsPack");
            Object pack = packOf.invoke(null);
            evaluate = Interleave.sessionEvaluate(loader, pack);
        }
        return new Build(jar, reader, read, json, normalize, evaluate);
    }

    /** Everything an event exposes, through its public accessors (the classes differ between loaders). */
    private static String describe(Object event) {
        StringBuilder s = new StringBuilder();
        for (String accessor : new String[] {"product", "categories", "services", "time", "host", "fields"}) {
            try {
                s.append(event.getClass().getMethod(accessor).invoke(event)).append('|');
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return s.append('\n').toString();
    }
}
