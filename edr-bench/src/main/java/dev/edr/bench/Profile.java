package dev.edr.bench;

import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.internal.event.KeywordText;
import dev.edr.core.internal.match.CompiledRule;
import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.match.RuleCompiler;
import dev.edr.core.internal.prefilter.Atom;
import dev.edr.core.internal.prefilter.CandidateCollector;
import dev.edr.core.internal.prefilter.CandidateIndex;
import dev.edr.core.internal.prefilter.Triggers;
import dev.edr.core.internal.prefilter.Vetoes;
import dev.edr.core.rule.RulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A plain loop for profilers (attach JFR or async-profiler) and the prefilter's statistics: how many candidates
 * an event gets and how many of them match. Run:
 * {@code java -XX:StartFlightRecording=filename=eval.jfr -cp edr-bench/target/benchmarks.jar dev.edr.bench.Profile 30}.
 */
public final class Profile {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private Profile() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("scan")) {
            scan(args.length > 1 ? Integer.parseInt(args[1]) : 20);
            return;
        }
        if (args.length > 0 && args[0].equals("fields")) {
            fields(args.length > 1 ? Integer.parseInt(args[1]) : 20);
            return;
        }
        if (args.length > 0 && args[0].equals("stages")) {
            stages(args.length > 1 ? Integer.parseInt(args[1]) : 20);
            return;
        }
        if (args.length > 0 && args[0].equals("latency")) {
            latency(args.length > 1 ? Integer.parseInt(args[1]) : 15);
            return;
        }
        if (args.length > 0 && args[0].equals("collect")) {
            collect(args.length > 1 ? Integer.parseInt(args[1]) : 20);
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        RulePack pack = BenchData.windowsPack();
        if (Boolean.getBoolean("profile.noKeywords")) { // what keyword search over whole records costs
            pack = RulePack.of(pack.rules().stream().filter(r -> !BenchData.hasKeywords(r)).toList());
        }
        List<Event> events = BenchData.normalizedEvents();
        int limit = Integer.getInteger("profile.events", events.size()); // a few events stay in cache: memory effects
        if (limit < events.size()) { // a random sample, so that only the working set differs
            events = new ArrayList<>(events);
            java.util.Collections.shuffle(events, new java.util.Random(1));
            events = events.subList(0, limit);
        }
        statistics(pack, events);
        Engine engine = Engine.builder().rules(pack).build();
        long detections = 0;
        long evaluated = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (EngineSession session = engine.newSession()) {
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (Event e : events) {
                    detections += session.evaluate(e).size();
                }
                evaluated += events.size();
                // on a shared machine, CPU time is the steadier measure of our own work
                System.out.printf("pass: %.0f events/s wall, %.0f events per CPU second%n",
                        events.size() / ((System.nanoTime() - start) / 1e9),
                        events.size() / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9));
            }
        }
        System.out.println(evaluated + " events, " + detections + " detections");
    }

    /** The pack's compiled rules, their trigger groups and the candidate index built from them. */
    record Prefilter(List<CompiledRule> rules, List<List<Set<Atom>>> triggers, CandidateIndex index) {
        static Prefilter of(RulePack pack) {
            List<CompiledRule> rules = RuleCompiler.compile(pack).rules();
            List<List<Set<Atom>>> triggers = rules.stream()
                    .map(r -> Triggers.of(pack.rules().get(r.index()).detection())).toList();
            return new Prefilter(rules, triggers, CandidateIndex.of(rules, triggers::get, // derived once, not again
                    slot -> Vetoes.of(pack.rules().get(rules.get(slot).index()).detection())));
        }
    }

    /**
     * Candidate collection alone (routes, field scans, keyword search; no rule is evaluated) over the pre-normalized
     * events: three quarters of {@code EvaluateBenchmark.engine}'s time, and steadier to compare builds on.
     */
    private static void collect(int seconds) {
        RulePack pack = BenchData.windowsPack();
        CandidateCollector collector = Prefilter.of(pack).index().newCollector();
        Event[] events = BenchData.normalizedEvents().toArray(Event[]::new);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long candidates = 0;
            for (Event e : events) candidates += collector.collect(new EvalContext(e));
            System.out.printf("collect pass: %.0f ns per event (CPU), %d candidates%n",
                    (THREADS.getCurrentThreadCpuTime() - cpu) / (double) events.length, candidates);
        }
    }

    /**
     * Where the slowest 1 % of evaluations spend their time, in the cycle over all events that {@code engineLatency}
     * times: each pass evaluates every event with the engine, then repeats the work in parts over every event
     * (collecting candidates, the candidates' matchers, building the detections of those that match) with a collector
     * of its own. Per event the median over {@code passes} passes (after 5 unmeasured ones) is kept; for the slowest
     * 1 % by the engine's time, prints the averages of each part and what the engine spent beyond them (Drools:
     * inserting the candidates, firing, retracting).
     */
    private static void latency(int passes) {
        RulePack pack = BenchData.windowsPack();
        Prefilter prefilter = Prefilter.of(pack);
        List<CompiledRule> rules = prefilter.rules();
        CandidateCollector collector = prefilter.index().newCollector();
        Event[] events = BenchData.normalizedEvents().toArray(Event[]::new);
        int n = events.length;
        long[][] engine = new long[n][passes];
        long[][] collect = new long[n][passes];
        long[][] match = new long[n][passes];
        long[][] detect = new long[n][passes];
        int[] candidates = new int[n];
        int[] matched = new int[64];
        long sink = 0;
        try (EngineSession session = Engine.builder().rules(pack).build().newSession()) {
            for (int p = -5; p < passes; p++) {
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    sink += session.evaluate(events[i]).size();
                    if (p >= 0) engine[i][p] = System.nanoTime() - t0;
                }
                for (int i = 0; i < n; i++) {
                    EvalContext c = new EvalContext(events[i]);
                    long t0 = System.nanoTime();
                    int k = collector.collect(c);
                    long t1 = System.nanoTime();
                    int m = 0;
                    for (int j = 0; j < k; j++) {
                        int slot = collector.candidate(j);
                        if (rules.get(slot).matches(c) && m < matched.length) matched[m++] = slot;
                    }
                    long t2 = System.nanoTime();
                    for (int j = 0; j < m; j++) {
                        CompiledRule r = rules.get(matched[j]);
                        sink += new dev.edr.core.engine.Detection(r.meta(), events[i], r.matchedSelections(c))
                                .matchedSelections().size();
                    }
                    long t3 = System.nanoTime();
                    candidates[i] = k;
                    if (p >= 0) {
                        collect[i][p] = t1 - t0;
                        match[i][p] = t2 - t1;
                        detect[i][p] = t3 - t2;
                    }
                }
            }
        }
        long[] e = medians(engine);
        long[] c = medians(collect);
        long[] m = medians(match);
        long[] d = medians(detect);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Long.compare(e[b], e[a]));
        int top = n / 100;
        double[] sums = new double[5];
        for (int k = 0; k < top; k++) {
            int i = order[k];
            sums[0] += e[i];
            sums[1] += c[i];
            sums[2] += m[i];
            sums[3] += d[i];
            sums[4] += candidates[i];
        }
        System.out.printf("p99 of the engine's medians %.1f us; the slowest 1 %% (%d events), on average: engine %.1f us,"
                + " collecting %.1f, matchers %.1f, detections %.1f, the rest (Drools) %.1f; %.1f candidates%n",
                e[order[top]] / 1e3, top, sums[0] / 1e3 / top, sums[1] / 1e3 / top, sums[2] / 1e3 / top,
                sums[3] / 1e3 / top, (sums[0] - sums[1] - sums[2] - sums[3]) / 1e3 / top, sums[4] / top);
        double[] all = new double[4];
        for (int i = 0; i < n; i++) {
            all[0] += e[i];
            all[1] += c[i];
            all[2] += m[i];
            all[3] += d[i];
        }
        System.out.printf("all events, on average: engine %.2f us, collecting %.2f, matchers %.2f, detections %.2f"
                + " (checksum %d)%n", all[0] / 1e3 / n, all[1] / 1e3 / n, all[2] / 1e3 / n, all[3] / 1e3 / n, sink);
    }

    private static long[] medians(long[][] times) {
        long[] out = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            long[] t = times[i].clone();
            java.util.Arrays.sort(t);
            out[i] = t[t.length / 2];
        }
        return out;
    }

    /**
     * How often, in one pass, a field text of 257 to 4,096 characters (the collector's long-text table) repeats a text
     * of the same field seen earlier: what that table can save at best, before conflicts in it.
     */
    private static void longTextRepeats(List<Event> events) {
        Set<java.util.Map.Entry<String, String>> seen = new java.util.HashSet<>();
        long texts = 0;
        long repeats = 0;
        for (Event e : events) {
            for (java.util.Map.Entry<String, Object> f : e.fields().entrySet()) {
                if (f.getValue() instanceof String v && v.length() > 256 && v.length() <= 4096) {
                    texts++;
                    if (!seen.add(java.util.Map.entry(f.getKey(), v))) repeats++;
                }
            }
        }
        System.out.printf("%d field texts of 257 to 4,096 characters, %d of them repeating an earlier one%n", texts,
                repeats);
    }

    /** How long the text that keyword search reads (every string and number of a record, joined) is on average. */
    private static void keywordTextLength(List<Event> events) {
        long chars = 0;
        for (Event e : events) {
            String text = KeywordText.asString(KeywordText.of(e));
            if (text != null) chars += text.length();
        }
        System.out.printf("keyword text: %.0f characters per event on average%n", chars / (double) events.size());
    }

    /**
     * The end-to-end scan by stages, each stage a pass of its own over the dataset's bytes that stops after it: the
     * bare Jackson parse ({@link ScanBenchmark#parseOnly}), reading records, normalizing them, hashing every string
     * value, collecting candidates (no rule evaluated), the whole scan. Prints the median and best CPU nanoseconds per
     * event of each over {@code passes} passes (after 5 unmeasured ones), the passes of all stages taking turns: the
     * differences between stages are what each adds, measured without a profiler's sampling skid.
     */
    private static void stages(int passes) {
        byte[] bytes = BenchData.eventBytes();
        dev.edr.core.event.EventNormalizer normalizer = BenchData.normalizer();
        RulePack pack = BenchData.windowsPack();
        CandidateCollector collector = Prefilter.of(pack).index().newCollector();
        Engine engine = Engine.builder().rules(pack).build();
        String[] names = {"parse", "read", "normalize", "hash values", "collect", "scan"};
        long[][] nanos = new long[names.length][passes];
        long sink = 0;
        try (EngineSession session = engine.newSession()) {
            for (int p = -5; p < passes; p++) {
                for (int stage = 0; stage < names.length; stage++) {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    long[] n = {0, 0};
                    if (stage == 0) {
                        long[] parsed = {0};
                        try {
                            n[0] = ReadInterleave.parseOnly(bytes, parsed);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        n[1] += parsed[0];
                    } else {
                        int s = stage;
                        try (var records = dev.edr.core.event.EventReader.create()
                                .read(new java.io.ByteArrayInputStream(bytes), "events", issue -> { })) {
                            records.forEach(r -> {
                                n[0]++;
                                if (s == 1) {
                                    n[1] += r.json().size();
                                    return;
                                }
                                Event e = normalizer.normalize(r.json());
                                if (s == 2) {
                                    n[1] += e.fields().size();
                                } else if (s == 3) {
                                    for (Object v : e.fields().values()) if (v instanceof String t) n[1] += t.hashCode();
                                } else if (s == 4) {
                                    n[1] += collector.collect(new EvalContext(e));
                                } else {
                                    n[1] += session.evaluate(e).size();
                                }
                            });
                        }
                    }
                    sink += n[1];
                    if (p >= 0) nanos[stage][p] = (THREADS.getCurrentThreadCpuTime() - cpu) / n[0];
                }
            }
        }
        for (int stage = 0; stage < names.length; stage++) {
            long[] t = nanos[stage];
            java.util.Arrays.sort(t);
            System.out.printf("%-12s median %,6d  best %,6d CPU ns per event%n", names[stage], t[passes / 2], t[0]);
        }
        System.out.println("(checksum " + sink + ")");
    }

    /** The end-to-end scan loop of {@link ScanBenchmark#scan}, for profiling the reading and normalizing too. */
    private static void scan(int seconds) {
        byte[] bytes = BenchData.eventBytes();
        dev.edr.core.event.EventNormalizer normalizer = BenchData.normalizer();
        Engine engine = Engine.builder().rules(BenchData.windowsPack()).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (EngineSession session = engine.newSession()) {
            while (System.nanoTime() < end) {
                long cpu = THREADS.getCurrentThreadCpuTime();
                long[] n = {0, 0};
                try (var records = dev.edr.core.event.EventReader.create().read(new java.io.ByteArrayInputStream(bytes),
                        "events", issue -> { })) {
                    records.forEach(r -> {
                        n[0]++;
                        n[1] += session.evaluate(normalizer.normalize(r.json())).size();
                    });
                }
                System.out.printf("scan pass: %.0f events per CPU second%n",
                        n[0] / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9));
            }
        }
    }

    /**
     * What a scan of a text not seen before costs, per rule field: each field's distinct texts in the dataset (as
     * events hold them) are scanned for its atoms again and again, and the CPU time per character is printed for the
     * fields with the most text. The texts stay in the cache, so this is the automata's own cost.
     */
    private static void fields(int seconds) {
        FieldScans scans = new FieldScans();
        System.out.print(scans.describe());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int round = 1; System.nanoTime() < end; round++) {
            StringBuilder report = new StringBuilder("fields pass " + round + ", ns per character:");
            scans.round(20).forEach((field, ns) -> report.append(String.format(" %s %.1f", field, ns)));
            System.out.println(report);
        }
    }

    private static void statistics(RulePack pack, List<Event> events) {
        Prefilter prefilter = Prefilter.of(pack);
        List<CompiledRule> rules = prefilter.rules();
        List<List<Set<Atom>>> triggers = prefilter.triggers();
        CandidateIndex index = prefilter.index();
        System.out.println(index.describe());
        CandidateCollector collector = index.newCollector();
        long candidates = 0;
        long matched = 0;
        int max = 0;
        int none = 0;
        int[] perRule = new int[rules.size()];
        int[] matchedPerRule = new int[rules.size()];
        long[] nanos = new long[rules.size()];
        long collectNanos = 0;
        for (int pass = 0; pass < 12; pass++) {
            java.util.Arrays.fill(perRule, 0);
            java.util.Arrays.fill(matchedPerRule, 0);
            java.util.Arrays.fill(nanos, 0);
            candidates = 0;
            matched = 0;
            none = 0;
            collectNanos = 0;
            for (Event e : events) {
                EvalContext c = new EvalContext(e);
                long t0 = System.nanoTime();
                int n = collector.collect(c);
                collectNanos += System.nanoTime() - t0;
                candidates += n;
                max = Math.max(max, n);
                if (n == 0) none++;
                for (int i = 0; i < n; i++) {
                    int slot = collector.candidate(i);
                    perRule[slot]++;
                    long t = System.nanoTime();
                    if (rules.get(slot).matches(c)) {
                        matched++;
                        matchedPerRule[slot]++;
                    }
                    nanos[slot] += System.nanoTime() - t;
                }
            }
        }
        long evalNanos = java.util.Arrays.stream(nanos).sum();
        System.out.printf("per event: collect %.2f us, evaluate candidates %.2f us%n", collectNanos / 1e3 / events.size(),
                evalNanos / 1e3 / events.size());
        Integer[] byCost = new Integer[rules.size()];
        for (int i = 0; i < byCost.length; i++) byCost[i] = i;
        java.util.Arrays.sort(byCost, (a, b) -> Long.compare(nanos[b], nanos[a]));
        for (int i = 0, top = Integer.getInteger("profile.top", 15); i < Math.min(top, byCost.length); i++) {
            int s = byCost[i];
            System.out.printf("  %5.2f us/event %6d cand %7.0f ns/cand  %s %s  %s%n", nanos[s] / 1e3 / events.size(),
                    perRule[s], nanos[s] / (double) Math.max(1, perRule[s]),
                    rules.get(s).meta().title(), rules.get(s).logsource(), String.valueOf(triggers.get(s)).substring(0,
                            Math.min(150, String.valueOf(triggers.get(s)).length())));
        }
        System.out.printf("%d events: %.2f candidates/event (max %d), %d of them matched; %d events without one%n",
                events.size(), candidates / (double) events.size(), max, matched, none);
        longTextRepeats(events);
        keywordTextLength(events);
        Integer[] order = new Integer[rules.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> perRule[b] - perRule[a]);
        System.out.println("  candidates matched  rule (most candidates first)");
        for (int i = 0, rows = Math.min(Integer.getInteger("profile.candidates", 15), order.length); i < rows; i++) {
            int s = order[i];
            System.out.printf("  %6d %6d  %s %s  %s%n", perRule[s], matchedPerRule[s], rules.get(s).meta().title(),
                    rules.get(s).logsource(), triggers.get(s));
        }
    }
}
