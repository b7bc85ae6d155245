package dev.edr.bench;

import dev.edr.core.diag.Issue;
import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import dev.edr.dsl.RuleLoader;
import dev.edr.dsl.pipeline.Pipelines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark inputs, read from the shared data folder next to the repository ({@code ../shared} seen from the
 * repository root; found by walking up from the working directory, or given with {@code -Dedr.shared=DIR}).
 */
public final class BenchData {
    /** The SigmaHQ corpus (about 3,750 rules). */
    static final List<String> CORPUS_DIRS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting");
    static final String EVENTS = "datasets/evtx-attack-samples.jsonl";

    private BenchData() {}

    public static Path shared() {
        String given = System.getProperty("edr.shared");
        if (given != null) {
            return Path.of(given);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("sigma/rules")) && Files.isDirectory(candidate.resolve("datasets"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/ folder with sigma/rules and datasets/ above "
                + Path.of("").toAbsolutePath() + "; run from the repository root or pass -Dedr.shared=DIR");
    }

    static List<Path> corpusPaths() {
        Path sigma = shared().resolve("sigma");
        return CORPUS_DIRS.stream().map(sigma::resolve).toList();
    }

    /** The whole corpus as loaded from YAML. */
    public static RulePack corpus() {
        return RuleLoader.create().load(corpusPaths()).pack();
    }

    /** The Windows pack: every corpus rule whose logsource product is windows (about 2,850). */
    public static RulePack windowsPack() {
        List<SigmaRule> windows = corpus().rules().stream()
                .filter(r -> "windows".equals(r.logsource().product())).toList();
        return RulePack.of(windows);
    }

    /** Whether {@code rule} searches whole records for keywords (a selection that is a plain list of values). */
    public static boolean hasKeywords(SigmaRule rule) {
        return rule.detection().selections().values().stream().anyMatch(BenchData::hasKeywords);
    }

    private static boolean hasKeywords(dev.edr.core.rule.Selection s) {
        if (s instanceof dev.edr.core.rule.Selection.FieldMatch f) return f.isKeyword();
        List<dev.edr.core.rule.Selection> items = s instanceof dev.edr.core.rule.Selection.AllOf a ? a.items()
                : ((dev.edr.core.rule.Selection.AnyOf) s).items();
        return items.stream().anyMatch(BenchData::hasKeywords);
    }

    public static Path eventsFile() {
        return shared().resolve(EVENTS);
    }

    public static byte[] eventBytes() {
        try {
            return Files.readAllBytes(eventsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EventNormalizer normalizer() {
        return Normalizers.auto(Pipelines.windowsDefault());
    }

    /** Every event of the dataset, read and normalized once. */
    public static List<Event> normalizedEvents() {
        EventNormalizer normalizer = normalizer();
        List<Issue> problems = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        try (Stream<EventRecord> records = EventReader.create().read(eventsFile(), problems::add)) {
            records.forEach(r -> events.add(normalizer.normalize(r.json())));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("bad records in " + eventsFile() + ": " + problems.get(0).headline());
        }
        return events;
    }
}
