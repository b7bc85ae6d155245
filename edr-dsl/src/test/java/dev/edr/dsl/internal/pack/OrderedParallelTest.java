package dev.edr.dsl.internal.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderedParallelTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 500).boxed().toList();

    @Test
    void resultsKeepTheOrderOfTheItemsWhateverTheThreads() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            List<String> out = OrderedParallel.map(ITEMS, threads, i -> {
                if (i % 7 == 0) Thread.yield(); // uneven work, so that threads overtake each other
                return "#" + i;
            });
            assertThat(out).as("%d threads", threads).isEqualTo(ITEMS.stream().map(i -> "#" + i).toList());
        }
    }

    @Test
    void usesHelperThreadsBesideTheCallerForLongLists() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        OrderedParallel.map(ITEMS, 2, i -> {
            seen.add(Thread.currentThread());
            sleepBriefly();
            return i;
        });
        assertThat(seen).contains(Thread.currentThread()).hasSize(2);
        assertThat(seen).filteredOn(t -> t != Thread.currentThread()).allMatch(Thread::isDaemon);
    }

    @Test
    void shortListsStayOnTheCallersThread() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        OrderedParallel.map(ITEMS.subList(0, OrderedParallel.MIN_ITEMS_PER_THREAD * 2 - 1), 4, i -> {
            seen.add(Thread.currentThread());
            return i;
        });
        assertThat(seen).containsExactly(Thread.currentThread());
    }

    @Test
    void theFailureOfTheFirstFailingItemIsRethrownAsOneThreadWouldThrowIt() {
        for (int threads : new int[] {1, 2, 4}) {
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> OrderedParallel.map(ITEMS, threads, i -> {
                calls.incrementAndGet();
                if (i == 300) {
                    sleepBriefly(); // a later item fails first in time
                    throw new IllegalStateException("item " + i);
                }
                if (i == 301) throw new IllegalArgumentException("item " + i);
                if (i == 450) throw new AssertionError("item " + i);
                return i;
            })).as("%d threads", threads).isInstanceOf(IllegalStateException.class).hasMessage("item 300");
            assertThat(calls.get()).as("work stops being handed out after a failure").isLessThan(ITEMS.size());
        }
    }

    @Test
    void anInterruptedCallerStillGetsEveryResultAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            List<Integer> out = OrderedParallel.map(ITEMS, 3, i -> i * 2);
            assertThat(out).hasSize(ITEMS.size()).element(499).isEqualTo(998);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
