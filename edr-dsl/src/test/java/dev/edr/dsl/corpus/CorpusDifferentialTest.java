package dev.edr.dsl.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edr.core.diag.Issue;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.reference.ReferenceEvaluator;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import dev.edr.dsl.RuleLoader;
import dev.edr.dsl.pipeline.Pipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole SigmaHQ corpus against every event we have (the evtx-attack-samples export and the SigmaHQ
 * regression events): the engine's detections, rule id and matched selections per event, must equal those
 * of the naive {@link ReferenceEvaluator}. This is the oracle for every optimization of the matching path.
 */
class CorpusDifferentialTest {
    private static final List<String> RULE_DIRS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting",
            "rules-placeholder", "rules-compliance", "deprecated");

    @Test
    void engineAgreesWithReferenceOnTheWholeCorpus() {
        Path shared = sharedDir();
        assumeTrue(shared != null, "no shared/ folder with the SigmaHQ corpus next to the repository");

        RulePack pack = RuleLoader.create().load(RULE_DIRS.stream().map(d -> shared.resolve("sigma").resolve(d))
                .filter(Files::isDirectory).toList()).pack();
        assertThat(pack.rules()).as("loaded corpus rules").hasSizeGreaterThan(3000);
        Engine engine = Engine.builder().rules(pack).build();

        // the reference judges what the engine compiled: rules the engine rejected (e.g. a regex RE2J refuses)
        // are reported as issues and checked by the compiler's own tests, not here
        Set<String> rejectedFiles = engine.issues().stream().filter(Issue::isError)
                .map(i -> i.location().source()).collect(Collectors.toSet());
        List<SigmaRule> accepted = pack.rules().stream()
                .filter(r -> !rejectedFiles.contains(r.location().source())).toList();
        RulePack judged = new RulePack(accepted, pack.correlations(), pack.filters(), List.of());
        ReferenceEvaluator reference = new ReferenceEvaluator(judged);
        assertThat(engine.ruleCount()).as("compiled rules; issues %s", engine.issues()).isEqualTo(accepted.size());
        assertThat(accepted).allMatch(reference::accepts);

        List<Event> events = events(shared);
        assertThat(events).hasSizeGreaterThan(8000);

        List<String> differences = new ArrayList<>();
        long detections = IntStream.range(0, events.size()).parallel().mapToLong(i -> {
            Event e = events.get(i);
            List<ReferenceEvaluator.Hit> expected = reference.evaluate(e);
            List<ReferenceEvaluator.Hit> actual = hits(engine.evaluate(e));
            if (!expected.equals(actual)) {
                synchronized (differences) {
                    differences.add("event " + i + " " + e.fields() + "\n  expected " + expected + "\n  actual   " + actual);
                }
            }
            return expected.size();
        }).sum();
        System.out.printf("corpus differential: %d rules, %d events, %d detections compared, %d differences%n",
                accepted.size(), events.size(), detections, differences.size());

        assertThat(differences).as("events where the engine and the reference disagree").isEmpty();
        // agreement on nothing would prove nothing
        assertThat(detections).isGreaterThan(1000);
    }

    private static List<Event> events(Path shared) {
        EventNormalizer normalizer = dev.edr.core.event.Normalizers.auto(Pipelines.windowsDefault());
        List<Issue> problems = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (Path p : List.of(shared.resolve("datasets/evtx-attack-samples.jsonl"), shared.resolve("sigma/regression"))) {
            try (Stream<EventRecord> records = EventReader.create().read(p, problems::add)) {
                records.forEach(r -> events.add(normalizer.normalize(r.json())));
            }
        }
        assertThat(problems).as("event read problems").isEmpty();
        return events;
    }

    private static List<ReferenceEvaluator.Hit> hits(List<Detection> detections) {
        return detections.stream().map(d -> new ReferenceEvaluator.Hit(d.id(), d.matchedSelections())).toList();
    }

    /** The shared data folder is a sibling of the repository root; tests run from a module directory. */
    private static Path sharedDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("sigma/rules")) && Files.isDirectory(candidate.resolve("datasets"))) {
                return candidate;
            }
        }
        return null;
    }
}
