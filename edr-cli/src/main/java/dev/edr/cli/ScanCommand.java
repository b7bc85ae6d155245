package dev.edr.cli;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.LoadException;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.Normalizers;
import dev.edr.core.event.WindowsMapping;
import dev.edr.core.rule.LogSource;
import dev.edr.dsl.LoadResult;
import dev.edr.dsl.RuleLoader;
import dev.edr.dsl.pipeline.Pipelines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Evaluate Sigma rules over event files and print the detections.",
                "Detections go to stdout, then with --respond one line per response decision; problems, progress "
                        + "and the summary to stderr.",
                "Exit 0 when the scan ran (whatever it found), 1 with --strict when a rule or record was bad or an "
                        + "action failed, 2 on usage errors (and response settings that cannot start)."})
final class ScanCommand implements Callable<Integer> {
    enum Format { jsonl, text }

    @Option(names = "--rules", arity = "1..*", required = true, paramLabel = "PATH",
            description = "rule files or directories (recursed for .yml/.yaml); repeatable")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--events", arity = "1..*", required = true, paramLabel = "PATH",
            description = "event files (JSON Lines, concatenated JSON or a JSON array) or directories "
                    + "(every .json/.jsonl/.ndjson below); repeatable")
    List<Path> events = new ArrayList<>();

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or text (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--pipeline", paramLabel = "FILE",
            description = "a Windows mapping pipeline (YAML) replacing or extending the built-in one")
    Path pipeline;

    @Option(names = "--logsource", paramLabel = "K=V[,K=V]",
            description = "logsource of flat (non-Windows) events, e.g. product=linux,category=process_creation")
    String logsource;

    @Option(names = "--lateness", defaultValue = "0s", paramLabel = "DURATION",
            description = "how far out of time order events may arrive for correlation rules, e.g. 30s, 5m "
                    + "(default: ${DEFAULT-VALUE}); raise it when several files overlap in time")
    String lateness;

    @Option(names = "--max-field-chars", paramLabel = "N", defaultValue = "1048576",
            description = "longer string fields are cut to N characters and the detection is marked "
                    + "\"truncated\": true (default: ${DEFAULT-VALUE})")
    int maxFieldChars;

    @Option(names = "--strict", description = "exit 1 when any rule failed to load or any record was bad")
    boolean strict;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines and no summary")
    boolean quiet;

    @Option(names = "--verbose", description = "also list rule warnings; print details for bug reports")
    boolean verbose;

    @CommandLine.Mixin
    ResponseOptions response = new ResponseOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Main.allExist(concat(rules, events), err, "scan")) {
            return Main.USAGE;
        }
        if (response.orphan() != null) {
            err.println("edr scan: " + response.orphan() + " needs --respond");
            return Main.USAGE;
        }
        LogSource flatDefaults;
        java.time.Duration latenessDuration;
        java.time.Duration responseTimeout;
        WindowsMapping mapping;
        try {
            flatDefaults = parseLogSource(logsource);
            latenessDuration = parseDuration(lateness, "--lateness");
            responseTimeout = response.timeout();
            mapping = pipeline == null ? Pipelines.windowsDefault() : Pipelines.load(pipeline);
        } catch (IllegalArgumentException e) {
            err.println("edr scan: " + e.getMessage());
            return Main.USAGE;
        } catch (LoadException e) {
            e.issues().forEach(i -> err.println(IssueText.render(i)));
            return Main.USAGE;
        }
        LoadResult loaded = RuleLoader.create().load(rules);
        int ruleErrors = reportRuleIssues(loaded.pack().issues(), err, "edr scan");
        Engine engine = Engine.builder().rules(loaded.pack()).lateness(latenessDuration).build();
        ruleErrors += reportRuleIssues(engine.issues(), err, "edr scan");
        if (!quiet) {
            err.printf(Locale.ROOT, "edr scan: %,d rules compiled%s%n", engine.ruleCount(),
                    ruleErrors > 0 ? String.format(Locale.ROOT, ", %,d rule problems (see above; `edr validate` explains)", ruleErrors) : "");
        }
        Responder responder = null;
        if (response.respond) {
            try {
                responder = response.start(loaded.playbooks(), loaded.pack(), err,
                        line -> {
                            if (verbose) {
                                err.println("edr scan: " + line);
                            }
                        });
            } catch (ResponseOptions.SetupFailure e) {
                err.println("edr scan: " + e.getMessage());
                return Main.USAGE;
            }
            if (!quiet) {
                err.printf(Locale.ROOT, "edr scan: responding with %d playbooks%s%n", loaded.playbooks().size(),
                        response.dryRun ? " (dry run)" : "");
            }
        }
        EventNormalizer normalizer = Normalizers.auto(mapping, flatDefaults);
        if (maxFieldChars < 1) {
            err.println("edr scan: --max-field-chars must be at least 1");
            return Main.USAGE;
        }
        EventReader.Limits defaults = EventReader.Limits.DEFAULTS;
        EventReader.Limits limits = new EventReader.Limits(defaults.maxDepth(), defaults.maxStringChars(),
                defaults.maxNumberChars(), defaults.maxRecordBytes(), Math.min(maxFieldChars, defaults.maxStringChars()));
        EventScanner scanner = new EventScanner(limits, normalizer, err, !quiet);
        DetectionWriter writer = format == Format.jsonl ? DetectionWriter.jsonl(out) : DetectionWriter.text(out);
        boolean failedActions = false;
        try {
            Responder r = responder;
            scanner.scan(engine, events, r == null ? writer : (record, d) -> {
                writer.accept(record, d);
                r.accept(record, d);
            });
            out.flush();
            if (responder != null) {
                failedActions = finishResponse(responder, responseTimeout, out, err);
            }
        } finally {
            if (responder != null) {
                responder.close();
            }
        }
        if (!quiet) {
            err.println("edr scan: " + scanner.stats().summary());
        }
        boolean bad = ruleErrors > 0 || scanner.stats().badRecords > 0 || failedActions;
        return strict && bad ? Main.FINDINGS : Main.OK;
    }

    /** Prints the audit trail after the detections; true when an action failed or was dropped. */
    private boolean finishResponse(Responder responder, java.time.Duration timeout, PrintWriter out,
            PrintWriter err) {
        boolean idle = responder.awaitIdle(timeout);
        java.util.List<dev.edr.core.response.AuditEntry> trail = responder.trail();
        ActionWriter.write(out, trail, format == Format.jsonl);
        out.flush();
        if (!idle) {
            err.println("edr scan: response: actions still in flight after " + response.timeout
                    + "; they stay in the journal and a later run with the same --journal recovers them");
        }
        if (responder.omitted() > 0) {
            err.printf(Locale.ROOT, "edr scan: response: %,d audit lines not printed (use --audit-log FILE for the "
                    + "whole trail)%n", responder.omitted());
        }
        int pending = responder.dispatcher().pendingApprovals().size();
        if (!quiet) {
            err.println("edr scan: response: " + ActionWriter.summary(trail));
            if (pending > 0) {
                err.println("edr scan: response: " + pending + (pending == 1 ? " action awaits" : " actions await")
                        + " approval: " + (response.journal == null
                                ? "run with --journal FILE to approve later with `edr respond approve KEY --journal FILE`"
                                : "`edr respond pending --journal " + response.journal + "` lists them"));
            }
        }
        return ActionWriter.latest(trail).stream().anyMatch(e -> e.state() == dev.edr.core.response.ActionState.FAILED
                || e.state() == dev.edr.core.response.ActionState.DROPPED_OVERFLOW);
    }

    /** Prints errors always and warnings with --verbose; returns the number of errors. */
    private int reportRuleIssues(List<Issue> issues, PrintWriter err, String prefix) {
        int errors = 0;
        for (Issue i : issues) {
            if (i.isError()) {
                errors++;
                err.println(prefix + ": " + IssueText.render(i));
            } else if (verbose) {
                err.println(prefix + ": " + IssueText.render(i));
            }
        }
        return errors;
    }

    static LogSource parseLogSource(String spec) {
        if (spec == null || spec.isBlank()) {
            return LogSource.ANY;
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--logsource wants K=V pairs, got '" + part + "'");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!List.of("product", "category", "service").contains(key)) {
                throw new IllegalArgumentException("--logsource keys are product, category and service, not '" + key + "'");
            }
            kv.put(key, part.substring(eq + 1).strip());
        }
        return new LogSource(kv.get("product"), kv.get("category"), kv.get("service"), null);
    }

    static java.time.Duration parseDuration(String text) {
        return parseDuration(text, "--lateness");
    }

    static java.time.Duration parseDuration(String text, String option) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})([smhd])").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " wants a number and a unit s, m, h or d (e.g. 30s), got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofDays(n);
        };
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
