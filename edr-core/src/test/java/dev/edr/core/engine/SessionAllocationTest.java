package dev.edr.core.engine;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.rule.RulePack;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hot path allocates nothing for an event the prefilter drops (most events), and a session keeps nothing of an
 * event once its evaluation has returned, nor anything per detection. Counted, not timed: the JVM's per-thread count
 * of allocated bytes, and the heap used after full collections.
 */
class SessionAllocationTest {
    private static final Engine ENGINE = Engine.builder().rules(RulePack.of(List.of(
            rule("cmd", ls("windows", "process_creation", null), field("CommandLine", s("*mimikatz*"))),
            rule("image", ls("windows", "process_creation", null), field("Image", s("*\\rundll32.exe")))))).build();

    private static Event event(String image, String commandLine) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Image", image);
        fields.put("CommandLine", commandLine);
        return Event.builder().product("windows").categories(Set.of("process_creation")).fields(fields).build();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void anEventWithoutCandidatesAllocatesNothing() {
        Event quiet = event("C:\\Windows\\System32\\notepad.exe", "notepad.exe C:\\notes.txt");
        Event loud = event("C:\\Windows\\System32\\rundll32.exe", "rundll32.exe mimikatz.dll,main");
        try (EngineSession session = ENGINE.newSession()) {
            for (int i = 0; i < 5_000; i++) { // the scans remembered, the code paths compiled
                assertThat(session.evaluate(quiet)).isEmpty();
                assertThat(session.evaluate(loud)).hasSize(2);
            }
            long before = allocatedBytes();
            int found = 0;
            for (int i = 0; i < 10_000; i++) {
                found += session.evaluate(quiet).size();
            }
            long allocated = allocatedBytes() - before;
            assertThat(found).isZero();
            assertThat(allocated).as("bytes allocated by 10,000 evaluations without candidates").isLessThan(1_000);
        }
    }

    /**
     * Drools' direct firing (consequences without the agenda) kept every fired match, with its fact handle and the
     * propagation context of its deletion, for the life of the session: about 300 bytes per detection, so a
     * long-running session filled any heap (and its young collections grew from 20 to about 200 ms as the live set
     * grew).
     */
    @Test
    void aSessionRetainsNothingPerDetection() throws InterruptedException {
        Event loud = event("C:\\Windows\\System32\\rundll32.exe", "rundll32.exe mimikatz.dll,main");
        try (EngineSession session = ENGINE.newSession()) {
            for (int i = 0; i < 10_000; i++) assertThat(session.evaluate(loud)).hasSize(2);
            long before = retainedHeap();
            long detections = 0;
            for (int i = 0; i < 100_000; i++) detections += session.evaluate(loud).size();
            long grown = retainedHeap() - before;
            assertThat(detections).isEqualTo(200_000);
            // kept per detection, that would be 60 MB
            assertThat(grown).as("bytes retained after 200,000 more detections").isLessThan(8L << 20);
        }
    }

    private static long retainedHeap() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    @Test
    void aSessionKeepsNoEventItHasEvaluated() throws InterruptedException {
        try (EngineSession session = ENGINE.newSession()) {
            Event e = event("C:\\Windows\\System32\\rundll32.exe", "rundll32.exe " + "mimikatz".repeat(2));
            assertThat(session.evaluate(e)).hasSize(2);
            WeakReference<Event> ref = new WeakReference<>(e);
            e = null;
            for (int i = 0; i < 20 && ref.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(ref.get()).as("the evaluated event, still reachable from the session").isNull();
        }
    }
}
