package dev.edr.core.internal.correlation;

import dev.edr.core.engine.EventRef;
import dev.edr.core.rule.CorrelationRule.Type;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sliding window of one group of one correlation: the entries of the last {@code timespan} of event time,
 * oldest first, with the running aggregates the types need (per-input counts, value counts, the sum) kept up to
 * date as entries come and go, so that a check costs O(1) except for {@code temporal_ordered} and percentiles
 * (a pass over the window, whose size the caps bound).
 */
final class GroupWindow {
    /** One match in the window. {@code text}/{@code number}: the value field's, for the value types. */
    record Entry(long time, long seq, int input, String text, BigDecimal number, Signal signal) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int[] perInput;
    private final Map<String, Integer> valueCounts = new HashMap<>();
    private BigDecimal sum = BigDecimal.ZERO;
    private int numbers;
    private boolean armed = true;
    private long lastTime;

    GroupWindow(int inputs) {
        this.perInput = new int[inputs];
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    int distinctValues() {
        return valueCounts.size();
    }

    long lastTime() {
        return lastTime;
    }

    /** Whether the condition was false (or the window empty) since the last firing. */
    boolean armed() {
        return armed;
    }

    void arm(boolean value) {
        armed = value;
    }

    void add(Entry e) {
        entries.addLast(e);
        lastTime = e.time();
        perInput[e.input()]++;
        if (e.text() != null) valueCounts.merge(e.text(), 1, Integer::sum);
        if (e.number() != null) {
            sum = sum.add(e.number());
            numbers++;
        }
    }

    /** Drops entries older than {@code from} (the window is {@code [from, now]}), oldest first. */
    void evictBefore(long from, Consumer<Entry> evicted) {
        while (!entries.isEmpty() && entries.peekFirst().time() < from) {
            evicted.accept(removeOldest());
        }
        if (entries.isEmpty()) armed = true;
    }

    Entry removeOldest() {
        Entry e = entries.removeFirst();
        perInput[e.input()]--;
        if (e.text() != null) valueCounts.computeIfPresent(e.text(), (k, n) -> n == 1 ? null : n - 1);
        if (e.number() != null) {
            sum = sum.subtract(e.number());
            numbers--;
        }
        return e;
    }

    void clear(Consumer<Entry> evicted) {
        while (!entries.isEmpty()) evicted.accept(removeOldest());
    }

    /** The aggregate of {@code type} over the window; {@code current} is the entry just added. */
    BigDecimal value(Type type, BigDecimal percentile, Entry current) {
        return switch (type) {
            case EVENT_COUNT -> BigDecimal.valueOf(entries.size());
            case VALUE_COUNT -> BigDecimal.valueOf(valueCounts.size());
            case TEMPORAL -> {
                int n = 0;
                for (int c : perInput) if (c > 0) n++;
                yield BigDecimal.valueOf(n);
            }
            case TEMPORAL_ORDERED -> BigDecimal.valueOf(orderedPrefix(null));
            case VALUE_SUM -> sum;
            case VALUE_AVG -> numbers == 0 ? BigDecimal.ZERO
                    : sum.divide(BigDecimal.valueOf(numbers), MathContext.DECIMAL64).stripTrailingZeros();
            case VALUE_PERCENTILE -> percentile == null ? share(current) : percentile(percentile);
        };
    }

    /**
     * The longest prefix of the input order found as a subsequence of the window, each step a strictly later
     * event than the one before (ties in time are ordered by arrival). Greedy earliest matching is optimal.
     */
    private int orderedPrefix(List<Entry> matched) {
        int next = 0;
        long lastSeq = Long.MIN_VALUE;
        for (Entry e : entries) {
            if (next < perInput.length && e.input() == next && e.seq() != lastSeq) {
                next++;
                lastSeq = e.seq();
                if (matched != null) matched.add(e);
            }
        }
        return next;
    }

    /** How often the current value occurs among the window's values, in percent (0 to 100). */
    private BigDecimal share(Entry current) {
        int total = 0;
        for (int n : valueCounts.values()) total += n;
        if (total == 0 || current.text() == null) return BigDecimal.ZERO;
        int count = valueCounts.getOrDefault(current.text(), 0);
        return BigDecimal.valueOf(100L * count).divide(BigDecimal.valueOf(total), MathContext.DECIMAL64)
                .stripTrailingZeros();
    }

    /** The nearest-rank percentile of the window's numbers. */
    private BigDecimal percentile(BigDecimal p) {
        List<BigDecimal> sorted = new ArrayList<>(numbers);
        for (Entry e : entries) if (e.number() != null) sorted.add(e.number());
        if (sorted.isEmpty()) return BigDecimal.ZERO;
        sorted.sort(null);
        p = p.max(BigDecimal.ZERO).min(BigDecimal.valueOf(100)); // programmatic packs are not range-checked
        BigDecimal rank = p.multiply(BigDecimal.valueOf(sorted.size())).divide(BigDecimal.valueOf(100),
                MathContext.DECIMAL64);
        int r = rank.setScale(0, java.math.RoundingMode.CEILING).intValueExact();
        return sorted.get(Math.max(1, Math.min(r, sorted.size())) - 1);
    }

    /**
     * The events behind the window (the matched sequence for temporal_ordered), oldest first; when there are
     * more than {@code max}, the newest {@code max} (the completing event is always among them).
     */
    List<EventRef> contributors(Type type, int max) {
        List<Entry> newestFirst = new ArrayList<>();
        if (type == Type.TEMPORAL_ORDERED) {
            orderedPrefix(newestFirst);
            java.util.Collections.reverse(newestFirst);
        } else {
            entries.descendingIterator().forEachRemaining(newestFirst::add);
        }
        LinkedHashSet<EventRef> refs = new LinkedHashSet<>();
        for (Entry e : newestFirst) {
            List<EventRef> own = e.signal().refs();
            for (int i = own.size() - 1; i >= 0 && refs.size() < max; i--) refs.add(own.get(i));
            if (refs.size() >= max) break;
        }
        List<EventRef> out = new ArrayList<>(refs);
        java.util.Collections.reverse(out);
        return List.copyOf(out);
    }
}
