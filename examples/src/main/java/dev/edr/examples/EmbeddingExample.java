package dev.edr.examples;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.Normalizers;
import dev.edr.dsl.LoadResult;
import dev.edr.dsl.RuleLoader;
import dev.edr.dsl.pipeline.Pipelines;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Embedding EDR Engine in a few lines: load a rule directory, build an engine, feed it events from a file and
 * from your own code, handle the detections.
 *
 * <pre>java dev.edr.examples.EmbeddingExample RULE_DIR [EVENTS_FILE]</pre>
 */
public final class EmbeddingExample {
    private EmbeddingExample() {}

    public static void main(String[] args) {
        // 1. Load Sigma rules. Problems come back as located issues; the rules that loaded are usable.
        LoadResult loaded = RuleLoader.create().load(List.of(Path.of(args[0])));
        loaded.pack().issues().forEach(issue -> System.err.println(issue.headline()));

        // 2. Compile them once. The engine is immutable and thread-safe: share it.
        Engine engine = Engine.builder().rules(loaded.pack()).build();
        System.out.println(engine.ruleCount() + " rules ready");

        // 3a. Events from a file (JSON Lines, concatenated JSON or a JSON array; Windows or flat records).
        if (args.length > 1) {
            EventNormalizer normalizer = Normalizers.auto(Pipelines.windowsDefault());
            try (var records = EventReader.create().read(Path.of(args[1]), issue -> System.err.println(issue.headline()))) {
                records.forEach(r -> engine.evaluate(normalizer.normalize(r.json())).forEach(EmbeddingExample::handle));
            }
        }

        // 3b. Events from your own code: taxonomy field names plus the logsource they come from.
        Event event = Event.builder()
                .product("windows")
                .categories(Set.of("process_creation"))
                .host("ws-42")
                .fields(Map.of("Image", "C:\\Windows\\System32\\whoami.exe", "CommandLine", "whoami /all"))
                .build();
        engine.evaluate(event).forEach(EmbeddingExample::handle);
    }

    // 4. Handle detections: here we print them; a product would raise an alert or trigger a response.
    private static void handle(Detection d) {
        System.out.printf("[%s] %s (%s) on %s%n", d.level(), d.title(), d.id(), d.event().host());
    }
}
