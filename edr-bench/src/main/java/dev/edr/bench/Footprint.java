package dev.edr.bench;

import dev.edr.core.engine.Engine;
import dev.edr.core.event.Event;
import dev.edr.core.rule.RulePack;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap of a compiled engine, per rule. Two independent measures:
 * <ul>
 * <li>JOL: the object graph reachable from the engine, minus the graph reachable from an engine with no rules
 * (which removes what every engine reaches anyway: Drools' shared singletons, class loaders, JDK caches);</li>
 * <li>heap delta: used heap after full GCs with the engine held, minus used heap before it was built (the rule
 * pack it was built from is unreachable by then, so only what the engine keeps counts).</li>
 * </ul>
 * Run: {@code java -Djdk.attach.allowAttachSelf -cp edr-bench/target/benchmarks.jar dev.edr.bench.Footprint [corpus|windows]}
 * (the attach flag only lets JOL load its agent quietly; sizes are the same without it).
 */
public final class Footprint {
    private Footprint() {}

    /** What {@link #measure} found: JOL's retained graph and the heap delta, in bytes. */
    record Measure(String name, int rules, long jolBytes, long jolObjects, long deltaBytes) {
        double jolMegabytesPer1000() {
            return jolBytes / (double) rules * 1000 / 1e6;
        }

        double deltaMegabytesPer1000() {
            return deltaBytes / (double) rules * 1000 / 1e6;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Measure m = measure(args.length > 0 && args[0].equals("windows"));
        System.out.printf("%s: %d rules compiled%n", m.name(), m.rules());
        System.out.printf("JOL retained graph: %,d bytes in %,d objects = %,d bytes/rule = %.2f MB per 1,000 rules%n",
                m.jolBytes(), m.jolObjects(), m.jolBytes() / m.rules(), m.jolMegabytesPer1000());
        System.out.printf("heap delta: %,d bytes = %,d bytes/rule = %.2f MB per 1,000 rules%n", m.deltaBytes(),
                m.deltaBytes() / m.rules(), m.deltaMegabytesPer1000());
    }

    /**
     * Compiles the corpus (or the Windows pack) in this JVM and measures what the engine retains; with
     * {@code -Dfootprint.histogram=true} prints JOL's histogram of the retained classes as well.
     */
    static Measure measure(boolean windowsOnly) throws InterruptedException {
        // JOL must read lambda (hidden class) fields; read when its classes initialize, so set before first use
        System.setProperty("jol.magicFieldOffset", "true");
        String name = windowsOnly ? "Windows pack" : "SigmaHQ corpus";

        Engine empty = Engine.builder().build();

        Event probe = BenchData.normalizedEvents().get(0);
        empty.evaluate(probe);
        GraphLayout baseline = GraphLayout.parseInstance(empty);
        long before = usedAfterGc();
        Engine engine = Engine.builder().rules(load(windowsOnly)).build();
        engine.evaluate(probe); // a used engine: its pooled session exists
        int rules = engine.ruleCount();
        long held = usedAfterGc();
        GraphLayout layout = GraphLayout.parseInstance(engine).subtract(baseline);
        if (Boolean.getBoolean("footprint.histogram")) {
            System.out.println(layout.toFootprint());
        }
        return new Measure(name, rules, layout.totalSize(), layout.totalCount(), held - before);
    }

    private static RulePack load(boolean windowsOnly) {
        return windowsOnly ? BenchData.windowsPack() : BenchData.corpus();
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
