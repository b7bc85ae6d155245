package dev.edr.core.internal.correlation;

import dev.edr.core.engine.CorrelationInfo;
import dev.edr.core.engine.CorrelationLimits;
import dev.edr.core.rule.CorrelationRule.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One correlation's state in one session: a {@link GroupWindow} per group-by key, kept in order of last
 * activity. Signals arrive in event-time order, so the least recently active group is also the one with the
 * oldest newest event: expired groups are dropped from the front in O(1), and the group-key cap evicts from
 * there too.
 *
 * <p>Firing: when a signal arrives, the window becomes {@code [t - timespan, t]} (both ends included) and the
 * condition is checked on it. The correlation fires when the condition holds and the group is armed; firing
 * disarms the group until the condition is seen false at a later signal of the group or the window empties.
 */
final class CorrelationState {
    private final CompiledCorrelation c;
    private final CorrelationLimits limits;
    private final LinkedHashMap<List<String>, GroupWindow> groups = new LinkedHashMap<>(16, 0.75f, true);
    private final Consumer<GroupWindow.Entry> dropEntry;
    long evictedGroups;
    long evictedEvents;
    long evictedValues;
    long late;
    long untimed;

    CorrelationState(CompiledCorrelation c, CorrelationLimits limits, Consumer<Signal> released) {
        this.c = c;
        this.limits = limits;
        this.dropEntry = e -> {
            if (e.signal().release()) released.accept(e.signal());
        };
    }

    CompiledCorrelation correlation() {
        return c;
    }

    int groupCount() {
        return groups.size();
    }

    /** What a firing produced, before it becomes a detection. */
    record Firing(CorrelationInfo info, Map<String, Object> group) {}

    /** Adds the signal to its group's window; the firing it causes, or {@code null}. */
    Firing accept(Signal s) {
        int input = c.inputIndex().get(s.getInput());
        List<String> fields = c.groupFields().get(input);
        List<String> key = new ArrayList<>(fields.size());
        Map<String, Object> group = new LinkedHashMap<>();
        for (int g = 0; g < fields.size(); g++) {
            Object raw = s.field(fields.get(g));
            String text = Values.text(raw);
            if (text == null) return null; // events without a group-by value are not grouped (as in SIEM "by")
            key.add(text);
            group.put(c.rule().groupBy().get(g), raw);
        }
        String text = null;
        BigDecimal number = null;
        String valueField = c.valueFields().get(input);
        if (valueField != null) {
            Object raw = s.field(valueField);
            if (needsNumber()) {
                number = Values.number(raw);
                if (number == null) return null;
            } else {
                text = Values.text(raw);
                if (text == null) return null;
            }
        }
        GroupWindow w = window(key);
        w.evictBefore(s.getTime() - c.spanMillis(), dropEntry);
        GroupWindow.Entry entry = new GroupWindow.Entry(s.getTime(), s.seq(), input, text, number, s);
        s.hold();
        w.add(entry);
        enforceCaps(w);
        BigDecimal value = w.value(c.type(), c.percentile(), entry);
        if (!c.bounds().test(value)) {
            w.arm(true);
            return null;
        }
        if (!w.armed()) return null;
        w.arm(false);
        CorrelationInfo info = new CorrelationInfo(c.type(), group, value,
                w.contributors(c.type(), limits.maxEventsPerGroup()), s.source());
        return new Firing(info, group);
    }

    private boolean needsNumber() {
        return c.type() == Type.VALUE_SUM || c.type() == Type.VALUE_AVG
                || c.type() == Type.VALUE_PERCENTILE && c.percentile() != null;
    }

    private GroupWindow window(List<String> key) {
        GroupWindow w = groups.get(key); // moves the group to the most recently active end
        if (w != null) return w;
        if (groups.size() >= limits.maxGroupKeys()) {
            Iterator<GroupWindow> eldest = groups.values().iterator();
            eldest.next().clear(dropEntry);
            eldest.remove();
            evictedGroups++;
        }
        w = new GroupWindow(c.inputs().size());
        groups.put(List.copyOf(key), w);
        return w;
    }

    private void enforceCaps(GroupWindow w) {
        while (w.size() > limits.maxEventsPerGroup()) {
            dropEntry.accept(w.removeOldest());
            evictedEvents++;
        }
        while (w.distinctValues() > limits.maxDistinctValuesPerGroup()) {
            dropEntry.accept(w.removeOldest());
            evictedValues++;
        }
    }

    /** Drops the groups whose newest event left their window by {@code now}. */
    void expire(long now) {
        long from = now - c.spanMillis();
        Iterator<GroupWindow> it = groups.values().iterator();
        while (it.hasNext()) {
            GroupWindow w = it.next();
            if (w.lastTime() >= from) break;
            w.clear(dropEntry);
            it.remove();
        }
    }

    /** Releases every held signal (session end). */
    void clear() {
        for (GroupWindow w : groups.values()) w.clear(dropEntry);
        groups.clear();
    }
}
