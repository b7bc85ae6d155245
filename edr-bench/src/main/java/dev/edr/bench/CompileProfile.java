package dev.edr.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.edr.core.engine.Engine;
import dev.edr.core.rule.RulePack;
import dev.edr.dsl.RuleLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * One cold shot of {@link CompileBenchmark#sigmaCorpus}, split into loading and building, with wall time, the
 * main thread's CPU time and the whole process's CPU time (JIT and GC threads included): on a shared machine the
 * CPU times are the steadier measure. Run:
 * {@code java -Xms2g -Xmx2g -cp edr-bench/target/benchmarks.jar dev.edr.bench.CompileProfile}.
 */
public final class CompileProfile {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CompileProfile() {}

    public static void main(String[] args) {
        long[] start = now();
        RulePack pack = RuleLoader.create().load(BenchData.corpusPaths()).pack();
        long[] loaded = now();
        Engine engine = Engine.builder().rules(pack).build();
        long[] built = now();
        print("load ", start, loaded);
        print("build", loaded, built);
        print("total", start, built);
        System.out.printf("%d rules, %d issues, engine: %d rules, %d issues; load average %.2f%n", pack.rules().size(),
                pack.issues().size(), engine.ruleCount(), engine.issues().size(), OS.getSystemLoadAverage());
        if (engine == null) throw new AssertionError();
        if (Boolean.getBoolean("profile.threads")) {
            threadTimes();
        }
    }

    /** CPU time per native thread (Linux only), grouped by name: the JIT compiler threads are invisible to JMX. */
    private static void threadTimes() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) return;
        for (java.io.File task : tasks) {
            try {
                String name = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim()
                        .replaceAll("[0-9]+$", "#");
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                byName.merge(name, ticks * 10, Long::sum);
            } catch (java.io.IOException | RuntimeException e) {
                // a thread that ended meanwhile
            }
        }
        byName.forEach((name, ms) -> { if (ms > 0) System.out.printf("  %-24s %6d ms CPU%n", name, ms); });
    }

    private static long[] now() {
        return new long[] {System.nanoTime(), THREADS.getCurrentThreadCpuTime(), OS.getProcessCpuTime()};
    }

    private static void print(String what, long[] from, long[] to) {
        System.out.printf("%s: wall %5d ms, main-thread CPU %5d ms, process CPU %5d ms%n", what,
                (to[0] - from[0]) / 1_000_000, (to[1] - from[1]) / 1_000_000, (to[2] - from[2]) / 1_000_000);
    }
}
