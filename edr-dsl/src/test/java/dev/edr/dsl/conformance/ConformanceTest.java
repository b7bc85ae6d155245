package dev.edr.dsl.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.Severity;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import dev.edr.core.rule.SigmaRule;
import dev.edr.dsl.LoadResult;
import dev.edr.dsl.RuleLoader;
import dev.edr.dsl.conformance.Expectations.ExpectedIssue;
import dev.edr.dsl.pipeline.Pipelines;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Sigma conformance suite: every directory below {@code src/test/resources/conformance} is one case (a rule
 * file, events and the exact detections expected; the folder's README.md documents the format). Cases listed in
 * {@code known-failures.txt} are engine defects waiting for a fix: they run, and are reported as skipped with
 * the reason while they still fail, and as failures once they pass (so the list cannot go stale).
 */
class ConformanceTest {
    private static final EventNormalizer NORMALIZER = Normalizers.auto(Pipelines.windowsDefault());

    @TestFactory
    Stream<DynamicTest> conformanceCases() throws IOException {
        Path root = root();
        Map<String, String> known = knownFailures(root.resolve("known-failures.txt"));
        List<Path> cases;
        try (Stream<Path> s = Files.list(root)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("conformance cases").hasSizeGreaterThan(50);
        Set<String> names = cases.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        assertThat(names).as("known-failures.txt names existing cases").containsAll(known.keySet());
        return cases.stream().map(dir -> {
            String name = dir.getFileName().toString();
            return DynamicTest.dynamicTest(name, dir.toUri(), () -> runGuarded(dir, known.get(name)));
        });
    }

    private static void runGuarded(Path dir, String knownFailure) throws IOException {
        if (knownFailure == null) {
            run(dir);
            return;
        }
        try {
            run(dir);
        } catch (AssertionError e) {
            Assumptions.abort("known failure (" + knownFailure + "): " + e.getMessage());
        }
        fail("case " + dir.getFileName() + " is listed in known-failures.txt but passes now: remove it from there");
    }

    private static void run(Path dir) throws IOException {
        Expectations expected = Expectations.read(dir.resolve("expected.txt"));
        LoadResult loaded = RuleLoader.create().load(List.of(dir.resolve("rule.yml")));
        checkIssues("loading rule.yml", loaded.pack().issues(), expected.loadErrors(), expected.loadWarnings());
        Engine engine = Engine.builder().rules(loaded.pack()).build();
        checkIssues("compiling (Engine.issues())", engine.issues(), expected.engineErrors(), expected.engineWarnings());

        Map<String, String> titleByKey = ruleKeys(loaded.pack().rules(), expected);
        List<EventRecord> records = events(dir.resolve("events.jsonl"));
        Set<String> wanted = new TreeSet<>();
        expected.matches().forEach((key, indexes) -> indexes.forEach(i -> {
            assertThat(i).as("event index of rule '%s' in expected.txt", key).isBetween(0L, records.size() - 1L);
            wanted.add(pair(titleByKey.get(key), i));
        }));
        long pairs = (long) titleByKey.values().stream().distinct().count() * records.size();
        if (!records.isEmpty()) {
            assertThat(wanted).as("a case needs matching and non-matching (rule, event) pairs").isNotEmpty()
                    .hasSizeLessThan((int) pairs);
        }

        Set<String> viaEngine = new TreeSet<>();
        Set<String> viaSession = new TreeSet<>();
        try (EngineSession session = engine.newSession()) {
            for (EventRecord r : records) {
                Event event = NORMALIZER.normalize(r.json());
                engine.evaluate(event).forEach(d -> viaEngine.add(pair(d, r.index())));
                session.evaluate(event).forEach(d -> viaSession.add(pair(d, r.index())));
            }
        }
        List<String> lines = records.isEmpty() ? List.of()
                : Files.readAllLines(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
        compare("Engine.evaluate", wanted, viaEngine, records, lines);
        compare("EngineSession.evaluate", wanted, viaSession, records, lines);
    }

    /** Maps every title and id to the title; every loaded rule must be listed, every listed key must exist. */
    private static Map<String, String> ruleKeys(List<SigmaRule> rules, Expectations expected) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (SigmaRule r : rules) {
            String title = r.meta().title();
            assertThat(byKey.put(title, title)).as("rule titles are unique in a case: %s", title).isNull();
            if (r.meta().id() != null) {
                byKey.put(r.meta().id(), title);
            }
        }
        assertThat(byKey).as("rules named in expected.txt (by title or id) that did not load")
                .containsKeys(expected.matches().keySet().toArray(String[]::new));
        Set<String> listed = expected.matches().keySet().stream().map(byKey::get).collect(Collectors.toSet());
        assertThat(listed).as("every loaded rule is listed in expected.txt ('<title>: none' for no match)")
                .containsAll(rules.stream().map(r -> r.meta().title()).toList());
        return byKey;
    }

    private static void checkIssues(String phase, List<Issue> actual, Set<ExpectedIssue> errors,
            Set<ExpectedIssue> warnings) {
        Set<ExpectedIssue> actualErrors = actualOf(actual, Severity.ERROR);
        assertThat(actualErrors).as("errors %s; all issues:%n%s", phase, headlines(actual))
                .containsExactlyInAnyOrderElementsOf(errors);
        assertThat(actualOf(actual, Severity.WARNING)).as("warnings %s; all issues:%n%s", phase, headlines(actual))
                .containsAll(warnings);
    }

    private static Set<ExpectedIssue> actualOf(List<Issue> issues, Severity severity) {
        Set<ExpectedIssue> out = new LinkedHashSet<>();
        for (Issue i : issues) {
            if (i.severity() == severity) {
                out.add(new ExpectedIssue(i.code(), i.location().line(), i.location().column()));
            }
        }
        return out;
    }

    private static String headlines(List<Issue> issues) {
        return issues.stream().map(Issue::headline).collect(Collectors.joining("\n"));
    }

    private static List<EventRecord> events(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Issue> problems = new ArrayList<>();
        List<EventRecord> records;
        try (Stream<EventRecord> s = EventReader.create().read(file, problems::add)) {
            records = s.toList();
        }
        assertThat(problems).as("events.jsonl must be valid").isEmpty();
        return records;
    }

    private static void compare(String path, Set<String> wanted, Set<String> actual, List<EventRecord> records,
            List<String> lines) {
        if (wanted.equals(actual)) {
            return;
        }
        StringBuilder b = new StringBuilder(path).append(" detections differ from expected.txt");
        for (String p : wanted) {
            if (!actual.contains(p)) {
                b.append("\n  missing:    ").append(describe(p, records, lines));
            }
        }
        for (String p : actual) {
            if (!wanted.contains(p)) {
                b.append("\n  unexpected: ").append(describe(p, records, lines));
            }
        }
        fail(b.toString());
    }

    private static String describe(String pair, List<EventRecord> records, List<String> lines) {
        int hash = pair.lastIndexOf('#');
        long index = Long.parseLong(pair.substring(hash + 1));
        EventRecord r = records.stream().filter(x -> x.index() == index).findFirst().orElseThrow();
        return "rule '" + pair.substring(0, hash) + "', event " + index + ": " + lines.get((int) r.line() - 1).strip();
    }

    private static String pair(String title, long index) {
        return Objects.requireNonNull(title) + "#" + index;
    }

    private static String pair(Detection d, long index) {
        return pair(d.title(), index);
    }

    /** {@code case-name: reason} lines; {@code #} starts a comment. */
    private static Map<String, String> knownFailures(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            assertThat(colon).as("known-failures.txt line '%s' is 'case: reason'", l).isPositive();
            out.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
        }
        return out;
    }

    private static Path root() {
        URL url = ConformanceTest.class.getResource("/conformance");
        assertThat(url).as("conformance folder on the test classpath").isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
