package dev.edr.cli;

import dev.edr.core.diag.LoadException;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.DispatcherBuilder;
import dev.edr.core.response.Playbook;
import dev.edr.core.rule.RulePack;
import dev.edr.dsl.response.ResponseSettings;
import dev.edr.dsl.response.ResponseSettingsParser;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** The response options of {@code edr scan}, and the responder they describe. */
final class ResponseOptions {
    @Option(names = "--respond", description = "plan and carry out response actions (rule response: blocks and "
            + "playbook documents among --rules); the audit trail follows the detections on stdout")
    boolean respond;

    @Option(names = "--dry-run", description = "with --respond: decide and audit every action, call no adapter")
    boolean dryRun;

    @Option(names = "--adapters", paramLabel = "FILE", description = "with --respond: response settings (adapters, "
            + "approval, protected assets, budget); without it every action goes to a logging adapter that touches "
            + "nothing")
    Path adapters;

    @Option(names = "--journal", paramLabel = "FILE", description = "with --respond: the action journal; keeps "
            + "actions idempotent across runs and holds approvals for `edr respond approve`")
    Path journal;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "with --respond: also append every audit "
            + "line to FILE")
    Path auditLog;

    @Option(names = "--response-timeout", defaultValue = "2m", paramLabel = "DURATION", description = "with "
            + "--respond: how long to wait at the end for actions in flight (default: ${DEFAULT-VALUE})")
    String timeout;

    /** Thrown with a message fit for stderr when the response side cannot start; the command exits 2. */
    static final class SetupFailure extends Exception {
        SetupFailure(String message) {
            super(message);
        }
    }

    /** The option that needs {@code --respond} but came without it, or {@code null}. */
    String orphan() {
        if (respond) {
            return null;
        }
        return dryRun ? "--dry-run" : adapters != null ? "--adapters" : journal != null ? "--journal"
                : auditLog != null ? "--audit-log" : null;
    }

    Duration timeout() {
        return ScanCommand.parseDuration(timeout, "--response-timeout");
    }

    /** Reads the settings file, or the defaults when none was given; its issues go to {@code err}. */
    static ResponseSettings settings(Path file, PrintWriter err) throws SetupFailure {
        if (file == null) {
            return ResponseSettings.DEFAULTS;
        }
        try {
            return ResponseSettingsParser.load(file);
        } catch (LoadException e) {
            e.issues().forEach(i -> err.println(IssueText.render(i)));
            throw new SetupFailure("the response settings " + file + " are not valid (see above)");
        }
    }

    Responder start(List<Playbook> playbooks, RulePack pack, PrintWriter err, Consumer<String> log)
            throws SetupFailure {
        ResponseSettings settings = settings(adapters, err);
        DispatcherBuilder b = Dispatcher.builder().journal(journal).auditLog(auditLog);
        AdapterFactory adapterFactory = new AdapterFactory(System::getenv, log);
        List<AutoCloseable> resources = configure(adapterFactory, b, settings);
        if (dryRun) {
            b.dryRun(true);
        }
        Responder responder = start(b, playbooks, pack, resources);
        if (journal != null) {
            // a scan on a journal is a dispatcher restart: finish what an earlier run left, hold its approvals again
            Dispatcher.RecoveryReport report = responder.dispatcher().recover();
            if (!report.redispatched().isEmpty() || report.unreadableLines() > 0) {
                err.println("edr scan: response: journal " + journal + ": " + report.redispatched().size()
                        + " unfinished actions dispatched again" + (report.unreadableLines() > 0 ? ", "
                        + report.unreadableLines() + " unreadable lines skipped" : ""));
            }
        }
        return responder;
    }

    static List<AutoCloseable> configure(AdapterFactory f, DispatcherBuilder b, ResponseSettings settings)
            throws SetupFailure {
        try {
            f.configure(b, settings);
            return f.resources();
        } catch (AdapterFactory.SetupException e) {
            closeAll(f.resources());
            throw new SetupFailure(e.getMessage());
        }
    }

    /** Builds the dispatcher; a journal in use or unwritable is a setup failure, not a crash. */
    static Responder start(DispatcherBuilder b, List<Playbook> playbooks, RulePack pack,
            List<AutoCloseable> resources) throws SetupFailure {
        try {
            return Responder.start(b, playbooks, pack, resources);
        } catch (UncheckedIOException e) {
            closeAll(resources);
            throw new SetupFailure(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
        } catch (IllegalStateException e) {
            closeAll(resources);
            throw new SetupFailure(e.getMessage());
        }
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort: nothing was dispatched through it
            }
        }
    }
}
