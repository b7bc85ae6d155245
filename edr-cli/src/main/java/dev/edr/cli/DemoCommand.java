package dev.edr.cli;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.DispatcherBuilder;
import dev.edr.core.response.Playbook;
import dev.edr.core.rule.RulePack;
import dev.edr.dsl.LoadResult;
import dev.edr.dsl.RuleLoader;
import dev.edr.dsl.pipeline.Pipelines;
import dev.edr.dsl.response.ResponseSettings;
import dev.edr.rules.stdlib.Stdlib;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Replay a bundled intrusion (phishing document -> PowerShell -> credential dumping -> "
                + "lateral movement with an admin account) through the bundled starter rules, explain what fired and "
                + "what the bundled playbooks decided to do about it."})
final class DemoCommand implements Callable<Integer> {
    enum Format { text, jsonl }

    @Option(names = "--format", defaultValue = "text", description = "text (a guided story) or jsonl (as `edr scan`)")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RulePack pack = RulePack.of(List.of());
        List<Playbook> playbooks = new ArrayList<>();
        for (String name : concat(Stdlib.ruleNames(), Stdlib.playbookNames())) {
            LoadResult r = RuleLoader.create().loadText("stdlib/" + name, Stdlib.read(name));
            r.pack().issues().stream().filter(i -> i.isError()).forEach(i -> err.println("edr demo: " + IssueText.render(i)));
            pack = pack.merge(r.pack());
            playbooks.addAll(r.playbooks());
        }
        Engine engine = Engine.builder().rules(pack).build();
        engine.issues().stream().filter(i -> i.isError()).forEach(i -> err.println("edr demo: " + IssueText.render(i)));
        List<Found> found = new ArrayList<>();
        EventScanner scanner = new EventScanner(Normalizers.auto(Pipelines.windowsDefault()), err, false);
        DetectionWriter jsonl = DetectionWriter.jsonl(out);
        // the defaults: logging adapters that touch nothing, an in-memory journal; the playbooks ask for approval
        List<AuditEntry> trail;
        try (Responder responder = ResponseOptions.start(demoDispatcher(), playbooks, pack, List.of());
                InputStream in = Stdlib.open(Stdlib.demoEventsName())) {
            scanner.scan(engine, in, "stdlib/" + Stdlib.demoEventsName(), (record, d) -> {
                found.add(new Found(record, d));
                responder.accept(record, d);
                if (format == Format.jsonl) {
                    jsonl.accept(record, d);
                }
            });
            if (!responder.awaitIdle(Duration.ofSeconds(30))) {
                err.println("edr demo: the response did not settle in 30 s; showing what was decided");
            }
            trail = responder.trail();
        }
        if (format == Format.text) {
            DemoStory.print(out, engine.ruleCount(), scanner.stats(), found);
            DemoResponse.print(out, playbooks.size(), trail);
            DemoStory.next(out);
        } else {
            ActionWriter.write(out, trail, true);
        }
        out.flush();
        return Main.OK;
    }

    private static DispatcherBuilder demoDispatcher() throws ResponseOptions.SetupFailure {
        DispatcherBuilder b = Dispatcher.builder();
        ResponseOptions.configure(new AdapterFactory(name -> null, line -> { }), b, ResponseSettings.DEFAULTS);
        return b;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    record Found(EventRecord record, Detection detection) {}
}
