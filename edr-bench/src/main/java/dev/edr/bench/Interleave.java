package dev.edr.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Compares builds of the engine in one JVM: each {@code benchmarks.jar} given is loaded in its own class loader,
 * builds the Windows pack and evaluates the 8,255 normalized events, and the builds take turns, pass after pass.
 * On a shared machine, load hits every build alike this way, where separate JMH runs minutes apart can differ by
 * more than the change being measured. Prints the median and best events per CPU second of each. Run:
 * {@code java -Dpasses=20 -cp edr-bench/target/benchmarks.jar dev.edr.bench.Interleave old.jar new.jar}. With
 * {@code -Dmode=fields}, the prefilter's scans of field texts instead of evaluation ({@link FieldScans}).
 */
public final class Interleave {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private Interleave() {}

    public static void main(String[] jars) throws Throwable {
        if ("fields".equals(System.getProperty("mode"))) {
            fields(jars);
            return;
        }
        int n = jars.length;
        List<?>[] events = new List<?>[n];
        MethodHandle[] evaluate = new MethodHandle[n];
        for (int i = 0; i < n; i++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jars[i]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader); // Drools finds its services through it
            Class<?> data = loader.loadClass("dev.edr.bench.BenchData");
            Object pack = invoke(data, "windowsPack");
            events[i] = (List<?>) invoke(data, "normalizedEvents");
            evaluate[i] = sessionEvaluate(loader, pack);
        }
        int passes = Integer.getInteger("passes", 20);
        double[][] rates = new double[n][passes];
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i++) {
                long start = THREADS.getCurrentThreadCpuTime();
                long detections = 0;
                for (Object e : events[i]) {
                    detections += ((List<?>) evaluate[i].invokeExact(e)).size();
                }
                rates[i][p] = events[i].size() / ((THREADS.getCurrentThreadCpuTime() - start) / 1e9);
                if (p == 0) System.out.printf("%s: %d detections per pass%n", jars[i], detections);
            }
        }
        for (int i = 0; i < n; i++) {
            double[] r = rates[i].clone();
            Arrays.sort(r);
            System.out.printf("%-40s median %,9.0f  best %,9.0f  events per CPU second%n", jars[i], r[passes / 2],
                    r[passes - 1]);
        }
    }

    /**
     * {@code -Dmode=fields}: the prefilter's scans of field texts ({@link FieldScans}), each build in turn, pass
     * after pass; prints the median and best CPU nanoseconds per character of all fields and of each field with much
     * text. Both builds must have {@code FieldScans}.
     */
    @SuppressWarnings("unchecked")
    private static void fields(String[] jars) throws Throwable {
        int n = jars.length;
        Object[] scans = new Object[n];
        Method[] round = new Method[n];
        for (int i = 0; i < n; i++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jars[i]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> type = loader.loadClass("dev.edr.bench.FieldScans");
            scans[i] = type.getConstructor().newInstance();
            round[i] = type.getMethod("round", int.class);
        }
        int passes = Integer.getInteger("passes", 20);
        List<java.util.Map<String, Double>>[] results = new List[n];
        for (int i = 0; i < n; i++) results[i] = new java.util.ArrayList<>();
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i++) {
                results[i].add((java.util.Map<String, Double>) round[i].invoke(scans[i], 5));
            }
        }
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder(String.format("%-40s ns per character, median/best:", jars[i]));
            for (String field : results[i].get(0).keySet()) {
                double[] v = results[i].stream().mapToDouble(m -> m.get(field)).sorted().toArray();
                line.append(String.format(" %s %.2f/%.2f", field, v[passes / 2], v[0]));
            }
            System.out.println(line);
        }
    }

    /**
     * {@code EngineSession.evaluate} of a new session of an engine built, in {@code loader}'s build, from
     * {@code pack} (a RulePack of that build), as a handle taking and returning plain objects.
     */
    static MethodHandle sessionEvaluate(ClassLoader loader, Object pack) throws ReflectiveOperationException {
        Class<?> engineType = loader.loadClass("dev.edr.core.engine.Engine");
        Object builder = engineType.getMethod("builder").invoke(null);
        builder = builder.getClass().getMethod("rules", loader.loadClass("dev.edr.core.rule.RulePack"))
                .invoke(builder, pack);
        Object engine = builder.getClass().getMethod("build").invoke(builder);
        Object session = engineType.getMethod("newSession").invoke(engine);
        return MethodHandles.publicLookup()
                .findVirtual(loader.loadClass("dev.edr.core.engine.EngineSession"), "evaluate",
                        MethodType.methodType(List.class, loader.loadClass("dev.edr.core.event.Event")))
                .bindTo(session).asType(MethodType.methodType(List.class, Object.class));
    }

    private static Object invoke(Class<?> type, String name) throws ReflectiveOperationException {
        Method m = type.getDeclaredMethod(name);
        m.setAccessible(true);
        return m.invoke(null);
    }
}
