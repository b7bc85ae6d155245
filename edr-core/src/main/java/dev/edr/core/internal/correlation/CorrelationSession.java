package dev.edr.core.internal.correlation;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.engine.CorrelationStats;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.time.SessionPseudoClock;

/**
 * A session that correlates: the single-event session finds the matches; matches of rules that correlations
 * use become {@link Signal}s, wait in a reorder buffer until the watermark (the newest event time seen minus
 * the lateness) passes them, and are then inserted in event-time order into a Drools STREAM session whose
 * pseudo clock follows event time. Single-threaded, like every {@link EngineSession}.
 */
final class CorrelationSession implements EngineSession {
    /** Beyond this many held-back matches the oldest are correlated early, so the buffer stays bounded. */
    static final int MAX_PENDING = 100_000;

    private record Pending(Signal signal, long arrival) {}

    private record Fired(int order, Detection detection) {}

    private final CorrelationEngine engine;
    private final EngineSession base;
    private final KieSession kie;
    private final SessionPseudoClock clock;
    private final CorrelationState[] states;
    private final Map<String, List<CorrelationState>> consumers = new HashMap<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator
            .comparingLong((Pending p) -> p.signal().getTime()).thenComparingLong(p -> p.signal().seq())
            .thenComparingLong(Pending::arrival));
    private final List<Signal> toRetract = new ArrayList<>();
    private final List<Signal> roundSignals = new ArrayList<>();
    private final List<Fired> roundFired = new ArrayList<>();
    private final Consumer<Signal> retract = toRetract::add;
    private long maxSeen = Long.MIN_VALUE;
    private long releasedUpTo = Long.MIN_VALUE;
    private long nextSeq;
    private long arrivals;
    private long signals;
    private long fired;
    private Event current;
    private boolean closed;

    CorrelationSession(CorrelationEngine engine, EngineSession base, KieBase kieBase) {
        this.engine = engine;
        this.base = base;
        List<CompiledCorrelation> cs = engine.correlations();
        this.states = new CorrelationState[cs.size()];
        for (CompiledCorrelation c : cs) {
            states[c.order()] = new CorrelationState(c, engine.limits(), retract);
            for (String in : c.inputs()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(states[c.order()]);
        }
        if (kieBase == null) {
            this.kie = null;
            this.clock = null;
        } else {
            KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
            conf.setOption(ClockTypeOption.PSEUDO);
            this.kie = kieBase.newKieSession(conf, null);
            this.clock = kie.getSessionClock();
        }
    }

    @Override
    public List<Detection> evaluate(Event event) {
        return evaluate(event, null);
    }

    @Override
    public List<Detection> evaluate(Event event, EventRef source) {
        Objects.requireNonNull(event, "event");
        if (closed) throw new IllegalStateException("session is closed");
        List<Detection> detections = base.evaluate(event);
        long seq = nextSeq++;
        if (kie == null) return engine.withoutSuppressed(detections);
        EventRef ref = source != null ? source : new EventRef(null, seq);
        Long time = epochMillis(event);
        for (Detection d : detections) {
            String input = engine.inputOf(d.rule());
            if (input != null) enqueue(input, time, seq, event, ref);
        }
        if (time != null) maxSeen = Math.max(maxSeen, time);
        List<Detection> out = new ArrayList<>(engine.withoutSuppressed(detections));
        release(watermark(), out);
        return out;
    }

    @Override
    public List<Detection> flush() {
        if (closed) throw new IllegalStateException("session is closed");
        List<Detection> out = new ArrayList<>();
        if (kie != null) release(Long.MAX_VALUE, out);
        return out;
    }

    private static Long epochMillis(Event event) {
        if (event.time() == null) return null;
        try {
            return event.time().toEpochMilli();
        } catch (ArithmeticException e) {
            return null; // beyond the millisecond range: as good as no time
        }
    }

    private long watermark() {
        if (maxSeen == Long.MIN_VALUE) return Long.MIN_VALUE;
        try {
            return Math.subtractExact(maxSeen, engine.latenessMillis());
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    private void enqueue(String input, Long time, long seq, Event event, EventRef ref) {
        List<CorrelationState> targets = consumers.getOrDefault(input, List.of());
        if (time == null) {
            targets.forEach(s -> s.untimed++);
            return;
        }
        if (time < Math.max(watermark(), releasedUpTo)) {
            targets.forEach(s -> s.late++);
            return;
        }
        pending.add(new Pending(new Signal(input, time, seq, event, List.of(ref), ref, null, this), arrivals++));
    }

    private void release(long watermark, List<Detection> out) {
        while (!pending.isEmpty() && (pending.peek().signal().getTime() <= watermark || pending.size() > MAX_PENDING)) {
            process(pending.poll().signal(), out);
        }
    }

    private void process(Signal s, List<Detection> out) {
        signals++;
        releasedUpTo = Math.max(releasedUpTo, s.getTime());
        long delta = s.getTime() - clock.getCurrentTime();
        if (delta > 0) clock.advanceTime(delta, TimeUnit.MILLISECONDS);
        for (CorrelationState st : states) st.expire(s.getTime());
        retractReleased();
        current = s.event();
        roundSignals.add(s);
        kie.insert(s);
        kie.fireAllRules();
        for (Signal r : roundSignals) {
            r.delivered();
            if (!r.held()) toRetract.add(r);
        }
        roundSignals.clear();
        retractReleased();
        current = null;
        roundFired.sort(Comparator.comparingInt(Fired::order));
        for (Fired f : roundFired) out.add(f.detection());
        roundFired.clear();
    }

    /** Called from the Drools consequence that routes {@code s} to correlation {@code order}. */
    void deliver(int order, Signal s, Consumer<Object> insert) {
        CorrelationState st = states[order];
        CorrelationState.Firing f = st.accept(s);
        if (f == null) return;
        fired++;
        CompiledCorrelation c = st.correlation();
        if (c.output()) {
            roundFired.add(new Fired(order, new Detection(c.rule().meta(), current, List.of(), f.info())));
        }
        if (c.feedsOthers()) {
            Signal chained = new Signal(c.key(), s.getTime(), s.seq(), current, f.info().events(), f.info().source(),
                    f.group(), this);
            roundSignals.add(chained);
            insert.accept(chained);
        }
    }

    private void retractReleased() {
        for (Signal r : toRetract) {
            if (r.held()) continue;
            FactHandle h = kie.getFactHandle(r);
            if (h != null) kie.delete(h);
        }
        toRetract.clear();
    }

    /** Facts in the Drools session: live window entries (for tests of bounded state). */
    long factCount() {
        return kie == null ? 0 : kie.getFactCount();
    }

    int groupCount() {
        int n = 0;
        for (CorrelationState st : states) n += st.groupCount();
        return n;
    }

    @Override
    public CorrelationStats correlationStats() {
        long late = 0, untimed = 0, groups = 0, events = 0, values = 0;
        for (CorrelationState st : states) {
            late += st.late;
            untimed += st.untimed;
            groups += st.evictedGroups;
            events += st.evictedEvents;
            values += st.evictedValues;
        }
        return new CorrelationStats(signals, fired, late, untimed, groups, events, values);
    }

    @Override
    public List<Issue> warnings() {
        List<Issue> out = new ArrayList<>();
        var limits = engine.limits();
        for (CorrelationState st : states) {
            var c = st.correlation().rule();
            String name = "correlation '" + c.meta().key() + "': ";
            if (st.evictedGroups > 0) {
                out.add(Issue.warning(IssueCode.CORRELATION_LIMIT, c.location(), name + st.evictedGroups
                        + " group(s) evicted at the cap of " + limits.maxGroupKeys() + " group keys; matches may be missed"));
            }
            if (st.evictedEvents > 0) {
                out.add(Issue.warning(IssueCode.CORRELATION_LIMIT, c.location(), name + st.evictedEvents
                        + " event(s) evicted at the cap of " + limits.maxEventsPerGroup() + " events per group"));
            }
            if (st.evictedValues > 0) {
                out.add(Issue.warning(IssueCode.CORRELATION_LIMIT, c.location(), name + st.evictedValues
                        + " event(s) evicted at the cap of " + limits.maxDistinctValuesPerGroup()
                        + " distinct values per group"));
            }
            if (st.late > 0) {
                out.add(Issue.warning(IssueCode.LATE_EVENT, c.location(), name + st.late + " match(es) arrived more than "
                        + engine.latenessMillis() + " ms out of event-time order and were not correlated"));
            }
            if (st.untimed > 0) {
                out.add(Issue.warning(IssueCode.LATE_EVENT, c.location(), name + st.untimed
                        + " match(es) had no event time and were not correlated"));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (kie != null) kie.dispose();
        } finally {
            base.close();
        }
    }
}
