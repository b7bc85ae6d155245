package dev.edr.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.DispatcherBuilder;
import dev.edr.core.rule.RulePack;
import dev.edr.dsl.response.ResponseSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Acts on the actions a journal holds for approval. Listing reads the journal only; approving or rejecting opens it
 * as a dispatcher (so no scan may be running on it), which also recovers what an earlier run left unfinished.
 */
@Command(name = "respond", mixinStandardHelpOptions = true,
        description = {"List, approve or reject the response actions held for approval in a journal.",
                "Exit 0 when done, 1 when no held action has that key, 2 on usage errors."},
        subcommands = {RespondCommand.Pending.class, RespondCommand.Approve.class, RespondCommand.Reject.class})
final class RespondCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (pending, approve, reject)");
    }

    enum Format { text, jsonl }

    @Command(name = "pending", mixinStandardHelpOptions = true,
            description = "List the actions that await approval (reads the journal; changes nothing).")
    static final class Pending implements Callable<Integer> {
        @Option(names = "--journal", required = true, paramLabel = "FILE", description = "the journal of the scans")
        Path journal;

        @Option(names = "--format", defaultValue = "text", description = "text or jsonl (default: ${DEFAULT-VALUE})")
        Format format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!Main.allExist(List.of(journal), spec.commandLine().getErr(), "respond pending")) {
                return Main.USAGE;
            }
            for (JournalView.Pending p : JournalView.pending(journal)) {
                if (format == Format.jsonl) {
                    ValidateReports.write(out, g -> pendingJson(g, p), false);
                } else {
                    out.printf("%s  %s  %s  rule=%s  since %s%n    %s%n", p.key(), p.type(),
                            Escape.text(String.valueOf(p.params())), Escape.text(String.valueOf(p.ruleId())),
                            p.since(), Escape.text(p.reason() == null ? "" : p.reason()));
                }
            }
            out.flush();
            return Main.OK;
        }

        private static void pendingJson(JsonGenerator g, JournalView.Pending p) throws java.io.IOException {
            g.writeStartObject();
            g.writeObjectFieldStart("pending");
            g.writeStringField("key", p.key());
            g.writeStringField("type", p.type());
            g.writeObjectFieldStart("params");
            for (Map.Entry<String, Object> e : p.params().entrySet()) {
                g.writeStringField(e.getKey(), String.valueOf(e.getValue()));
            }
            g.writeEndObject();
            g.writeStringField("rule", p.ruleId());
            g.writeStringField("reason", p.reason());
            g.writeStringField("since", p.since());
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Shared by approve and reject: open the journal, recover, find the held action, decide, print the trail. */
    abstract static class Decide implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY", description = "the action's key (or a unique prefix of it)")
        String key;

        @Option(names = "--journal", required = true, paramLabel = "FILE", description = "the journal of the scans")
        Path journal;

        @Option(names = "--who", required = true, paramLabel = "NAME", description = "who decides (journaled and "
                + "audited)")
        String who;

        @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or text (default: ${DEFAULT-VALUE})")
        Format format;

        @Option(names = "--response-timeout", defaultValue = "2m", paramLabel = "DURATION",
                description = "how long to wait for the action to be carried out (default: ${DEFAULT-VALUE})")
        String timeout;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract String verb();

        abstract Path adapters();

        abstract boolean decide(Dispatcher d, String key, String who);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String prefix = "edr respond " + verb();
            if (!Files.isRegularFile(journal)) {
                err.println(prefix + ": no such journal: " + journal);
                return Main.USAGE;
            }
            if (who.isBlank()) {
                err.println(prefix + ": --who must name a person");
                return Main.USAGE;
            }
            Duration wait;
            Responder responder;
            try {
                wait = ScanCommand.parseDuration(timeout, "--response-timeout");
                ResponseSettings settings = ResponseOptions.settings(adapters(), err);
                DispatcherBuilder b = Dispatcher.builder().journal(journal);
                List<AutoCloseable> resources = ResponseOptions.configure(
                        new AdapterFactory(System::getenv, line -> { }), b, settings);
                responder = ResponseOptions.start(b, List.of(), RulePack.of(List.of()), resources);
            } catch (IllegalArgumentException | ResponseOptions.SetupFailure e) {
                err.println(prefix + ": " + e.getMessage());
                return Main.USAGE;
            }
            try (responder) {
                Dispatcher d = responder.dispatcher();
                d.recover();
                List<String> matches = d.pendingApprovals().stream().map(Dispatcher.PendingApproval::key)
                        .filter(k -> k.startsWith(key)).toList();
                if (matches.size() != 1 || key.length() < 6) {
                    err.println(prefix + ": " + (matches.isEmpty() ? "no action awaits approval under key " + key
                            : key.length() < 6 ? "give at least 6 characters of the key"
                            : "key " + key + " is ambiguous: " + String.join(", ", matches)));
                    responder.awaitIdle(wait); // recovery may have re-dispatched others: let them finish
                    ActionWriter.write(out, responder.trail(), format == Format.jsonl);
                    return Main.FINDINGS;
                }
                if (adapters() == null && verb().equals("approve")) {
                    err.println(prefix + ": no --adapters: the approved action goes to the logging adapter, which "
                            + "touches nothing");
                }
                decide(d, matches.get(0), who);
                boolean idle = responder.awaitIdle(wait);
                List<AuditEntry> trail = responder.trail();
                ActionWriter.write(out, trail, format == Format.jsonl);
                if (!idle) {
                    err.println(prefix + ": the action is still in flight after " + timeout + "; it stays journaled");
                }
                return Main.OK;
            }
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a held action and carry it out with the adapters of the settings file.")
    static final class Approve extends Decide {
        @Option(names = "--adapters", paramLabel = "FILE", description = "the response settings the scan used")
        Path adapters;

        @Override
        String verb() {
            return "approve";
        }

        @Override
        Path adapters() {
            return adapters;
        }

        @Override
        boolean decide(Dispatcher d, String key, String who) {
            return d.approve(key, who);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject a held action: it is never carried out.")
    static final class Reject extends Decide {
        @Option(names = "--adapters", paramLabel = "FILE", description = "the response settings the scan used "
                + "(for actions the journal recovers)")
        Path adapters;

        @Override
        String verb() {
            return "reject";
        }

        @Override
        Path adapters() {
            return adapters;
        }

        @Override
        boolean decide(Dispatcher d, String key, String who) {
            return d.reject(key, who);
        }
    }
}
