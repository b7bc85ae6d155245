package dev.edr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every performance target, measured once on this machine, with a verdict: one JMH run of the evaluation, scan and
 * compile benchmarks with their own settings, then the footprint of the compiled corpus, then a table of target,
 * measured value (with JMH's 99.9 % error) and whether it is met. Exit status 0 when every target is met, 1 when
 * one is missed, 2 when a measurement failed. Run from the repository root (about 6 minutes on 2 cores):
 * {@code java -Djdk.attach.allowAttachSelf -cp edr-bench/target/benchmarks.jar dev.edr.bench.Targets}; with
 * {@code -Dtargets.quick=true} short settings (a trial of the tool, not a measurement).
 *
 * <p>A verdict whose value lies within its error of the line says so: on a shared machine such a target should be
 * measured again before it is called either way.
 */
public final class Targets {
    static final double ENGINE_EVENTS_PER_SECOND = 300_000;
    static final double ENGINE_OVER_NAIVE = 25;
    static final double SCAN_SHARE_OF_PARSE = 0.5;
    static final double COMPILE_MILLISECONDS = 2_000;
    static final double MEGABYTES_PER_1000_RULES = 8;
    static final double P99_MICROSECONDS = 50;

    private Targets() {}

    /** One row of the table: {@code withinError} when the line lies within JMH's error of the value. */
    record Row(String target, String measured, boolean met, boolean withinError) {
        String verdict() {
            return (met ? "met" : "missed") + (withinError ? " (within error: measure again)" : "");
        }
    }

    public static void main(String[] args) {
        int status;
        try {
            status = measureAll();
        } catch (Exception | Error e) {
            System.err.println("a measurement failed: " + e);
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    private static int measureAll() throws RunnerException, IOException, InterruptedException {
        boolean quick = Boolean.getBoolean("targets.quick");
        BenchData.shared(); // fail before any JVM is forked when the data are not there
        System.out.println(header(quick));

        System.out.println("[1/4] footprint of the compiled corpus");
        Footprint.Measure footprint = Footprint.measure(false);
        System.out.printf("      %d rules, %.2f MB per 1,000 rules (JOL)%n", footprint.rules(), footprint.jolMegabytesPer1000());

        // the cold compile first: at the end of the sequence its forks took 5.1 to 6.2 s on the Intel VM, against
        // 2.9 to 3.9 s run alone in the minutes after
        System.out.println("[2/4] CompileBenchmark: the corpus from YAML, one cold shot per fresh JVM");
        Collection<RunResult> compile = run(quick, "CompileBenchmark\\.sigmaCorpus$");
        System.out.println("[3/4] EvaluateBenchmark: engine, engineLatency, naiveDrools");
        Collection<RunResult> evaluate = run(quick, "EvaluateBenchmark\\.(engine|engineLatency|naiveDrools)$");
        System.out.println("[4/4] ScanBenchmark: parseOnly, scan");
        Collection<RunResult> scan = run(quick, "ScanBenchmark\\.(parseOnly|scan)$");

        List<Row> rows = new ArrayList<>();
        Result<?> engine = primary(evaluate, "engine");
        Result<?> naive = primary(evaluate, "naiveDrools");
        rows.add(atLeast("EvaluateBenchmark.engine ≥ 300,000 events/s", engine.getScore(), engine.getScoreError(),
                ENGINE_EVENTS_PER_SECOND, "%,.0f events/s"));
        double ratio = engine.getScore() / naive.getScore();
        // the ratio's error from the two relative errors (first order)
        double ratioError = ratio * (relative(engine) + relative(naive));
        rows.add(atLeast("engine / naiveDrools ≥ 25×", ratio, ratioError, ENGINE_OVER_NAIVE,
                "%.1f×  (" + String.format(Locale.ROOT, "%,.0f", naive.getScore()) + " naive events/s)"));
        Result<?> parse = events(scan, "parseOnly");
        Result<?> scanned = events(scan, "scan");
        double share = scanned.getScore() / parse.getScore();
        rows.add(atLeast("ScanBenchmark.scan ≥ ½ parseOnly", share * 100, share * 100 * (relative(parse) + relative(scanned)),
                SCAN_SHARE_OF_PARSE * 100, "%.1f %%  (" + String.format(Locale.ROOT, "%,.0f against %,.0f events/s",
                        scanned.getScore(), parse.getScore()) + ")"));
        Result<?> cold = primary(compile, "sigmaCorpus");
        rows.add(atMost("CompileBenchmark.sigmaCorpus ≤ 2 s", cold.getScore(), cold.getScoreError(), COMPILE_MILLISECONDS,
                "%,.0f ms"));
        rows.add(atMost("retained heap ≤ 8 MB per 1,000 rules", footprint.jolMegabytesPer1000(), Double.NaN,
                MEGABYTES_PER_1000_RULES, "%.2f MB  (" + String.format(Locale.ROOT, "heap delta %.2f",
                        footprint.deltaMegabytesPer1000()) + ")"));
        Result<?> latency = primary(evaluate, "engineLatency");
        double p99 = latency.getStatistics().getPercentile(99.0);
        rows.add(atMost("EvaluateBenchmark.engineLatency p99 ≤ 50 µs", p99, Double.NaN, P99_MICROSECONDS,
                "%.1f µs  (" + String.format(Locale.ROOT, "p50 %.1f, p99.9 %.1f",
                        latency.getStatistics().getPercentile(50.0), latency.getStatistics().getPercentile(99.9)) + ")"));

        String table = table(rows);
        System.out.println();
        System.out.println(table);
        String out = System.getProperty("targets.out");
        if (out != null) {
            Files.writeString(Path.of(out), header(quick) + "\n\n" + table);
        }
        return rows.stream().allMatch(Row::met) ? 0 : 1;
    }

    private static Collection<RunResult> run(boolean quick, String include) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include(include);
        if (quick && include.startsWith("Compile")) {
            options.forks(1); // still one cold shot: a second iteration in the same JVM would be warm
        } else if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH ran nothing for " + include);
        }
        return results;
    }

    private static RunResult find(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " (did its fork fail?)"));
    }

    private static Result<?> primary(Collection<RunResult> results, String method) {
        return find(results, method).getPrimaryResult();
    }

    /** The {@code events} counter of a scan benchmark (its primary result counts files). */
    private static Result<?> events(Collection<RunResult> results, String method) {
        Result<?> r = find(results, method).getSecondaryResults().get("events");
        if (r == null) {
            throw new IllegalStateException("no events counter for " + method);
        }
        return r;
    }

    private static double relative(Result<?> r) {
        double e = r.getScoreError();
        return Double.isNaN(e) || r.getScore() == 0 ? 0 : e / r.getScore();
    }

    static Row atLeast(String target, double value, double error, double line, String format) {
        return row(target, value, error, line, value >= line, format);
    }

    static Row atMost(String target, double value, double error, double line, String format) {
        return row(target, value, error, line, value <= line, format);
    }

    private static Row row(String target, double value, double error, double line, boolean met, String format) {
        String measured = String.format(Locale.ROOT, format, value);
        boolean hasError = !Double.isNaN(error) && error > 0;
        if (hasError) {
            measured += String.format(Locale.ROOT, "  ± %,.1f", error);
        }
        boolean within = hasError && Math.abs(value - line) <= error;
        return new Row(target, measured, met, within);
    }

    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder("| target | measured | verdict |\n|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.target()).append(" | ").append(r.measured()).append(" | ").append(r.verdict())
                    .append(" |\n");
        }
        long missed = rows.stream().filter(r -> !r.met()).count();
        b.append(missed == 0 ? "\nEvery target met." : "\n" + missed + " of " + rows.size() + " targets missed.");
        return b.toString();
    }

    private static String header(boolean quick) {
        return String.format(Locale.ROOT, "%s, Java %s (%s), %d processors, %s%s",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), cpu(),
                quick ? "; QUICK SETTINGS: a trial of the tool, not a measurement" : "");
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
