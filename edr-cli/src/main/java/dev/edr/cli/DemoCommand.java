package dev.edr.cli;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import dev.edr.core.rule.RulePack;
import dev.edr.dsl.LoadResult;
import dev.edr.dsl.RuleLoader;
import dev.edr.dsl.pipeline.Pipelines;
import dev.edr.rules.stdlib.Stdlib;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Replay a bundled intrusion (phishing document -> PowerShell -> credential dumping -> "
                + "lateral movement with an admin account) through the bundled starter rules and explain what fired."})
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
        for (String name : Stdlib.ruleNames()) {
            LoadResult r = RuleLoader.create().loadText("stdlib/" + name, Stdlib.read(name));
            r.pack().issues().stream().filter(i -> i.isError()).forEach(i -> err.println("edr demo: " + IssueText.render(i)));
            pack = pack.merge(r.pack());
        }
        Engine engine = Engine.builder().rules(pack).build();
        engine.issues().stream().filter(i -> i.isError()).forEach(i -> err.println("edr demo: " + IssueText.render(i)));
        List<Found> found = new ArrayList<>();
        EventScanner scanner = new EventScanner(Normalizers.auto(Pipelines.windowsDefault()), err, false);
        DetectionWriter jsonl = DetectionWriter.jsonl(out);
        try (InputStream in = Stdlib.open(Stdlib.demoEventsName())) {
            scanner.scan(engine, in, "stdlib/" + Stdlib.demoEventsName(), (record, d) -> {
                found.add(new Found(record, d));
                if (format == Format.jsonl) {
                    jsonl.accept(record, d);
                }
            });
        }
        if (format == Format.text) {
            DemoStory.print(out, engine.ruleCount(), scanner.stats(), found);
        }
        out.flush();
        return Main.OK;
    }

    record Found(EventRecord record, Detection detection) {}
}
