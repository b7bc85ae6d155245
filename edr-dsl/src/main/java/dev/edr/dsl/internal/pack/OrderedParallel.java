package dev.edr.dsl.internal.pack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Maps a list on a few threads, the caller's included, and returns the results in the list's order: the same
 * list one thread would build, whatever the scheduling, as long as {@code f} is thread-safe and each result
 * depends on its item alone. Items are handed out one at a time, because files vary a lot in size. Helper
 * threads are started per call (a load is long next to starting a thread) and are daemons, so that a loader
 * never holds a JVM open.
 */
public final class OrderedParallel {
    /** Below this many items per thread the threads cost more than they save. */
    static final int MIN_ITEMS_PER_THREAD = 8;

    private OrderedParallel() {}

    /** How many threads a load may use: the processors available, at most {@code cap}. */
    public static int defaultThreads(int cap) {
        return Math.max(1, Math.min(cap, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @throws RuntimeException or Error that {@code f} threw, the one of the first such item in list order
     *     (items after it may or may not have been mapped)
     */
    public static <T, R> List<R> map(List<T> items, int threads, Function<? super T, ? extends R> f) {
        int n = Math.min(threads, items.size() / MIN_ITEMS_PER_THREAD);
        if (n <= 1) {
            List<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(f.apply(item));
            }
            return out;
        }
        Object[] results = new Object[items.size()];
        Throwable[] failures = new Throwable[items.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                try {
                    results[i] = f.apply(items.get(i));
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    next.set(results.length); // as the sequential loop would, stop handing out work
                }
            }
        };
        Thread[] helpers = new Thread[n - 1];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(worker, "edr-rule-loader-" + (t + 1));
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        worker.run();
        joinAll(helpers);
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return out;
    }

    /** Joins even when interrupted (the work is bounded), keeping the interrupt for the caller to see. */
    private static void joinAll(Thread[] threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
