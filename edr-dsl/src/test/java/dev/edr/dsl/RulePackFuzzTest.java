package dev.edr.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.edr.core.diag.Issue;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.event.Event;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Fuzz tests for rule packs from outside: the YAML rule reader and loader, and the compiler behind
 * {@link Engine.Builder#build()}. Oracle: loading gives a {@link LoadResult} whose issues are located in the input,
 * compiling gives an engine (rules it cannot compile become issues), and evaluating never throws; no other
 * exception or {@link Error} comes out. The seeds, shared by all three tests, are SigmaHQ rule files. See
 * edr-dsl/FUZZING.md.
 */
class RulePackFuzzTest {
    private static final String SOURCE = "pack.yml";
    private static final RuleLoader LOADER = RuleLoader.create();
    private static final List<Event> EVENTS = List.of(
            Event.of(Map.of("Image", "C:\\Windows\\System32\\cmd.exe", "CommandLine", "cmd /c whoami", "EventID", 1)),
            Event.builder().product("windows").categories(Set.of("process_creation"))
                    .fields(Map.of("Image", "x", "ParentImage", "y", "DestinationIp", "10.1.2.3", "a", List.of(1, "b")))
                    .build());
    private static Path scratch;

    @FuzzTest(maxDuration = "5m")
    void ruleText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);

        LoadResult result = LOADER.loadText(SOURCE, text);

        checkLoad(result, SOURCE, text);
    }

    /** Through a file, so that bytes which are not UTF-8 and the file size check are reached too. */
    @FuzzTest(maxDuration = "5m")
    void ruleFile(byte[] input) throws IOException {
        Path file = scratchFile();
        Files.write(file, input);

        LoadResult result = LOADER.load(List.of(file));

        checkLoad(result, file.toString(), new String(input, StandardCharsets.UTF_8));
    }

    @FuzzTest(maxDuration = "5m")
    void compile(byte[] input) {
        RulePack pack = LOADER.loadText(SOURCE, new String(input, StandardCharsets.UTF_8)).pack();
        if (pack.rules().isEmpty() && pack.filters().isEmpty() && pack.correlations().isEmpty()) {
            return;
        }

        Engine engine = Engine.builder().rules(pack).build();

        assertThat(engine.ruleCount()).isBetween(0, pack.rules().size());
        for (Issue issue : engine.issues()) {
            assertThat(issue.location().source()).isEqualTo(SOURCE);
            assertThat(issue.message()).isNotBlank();
        }
        Set<String> titles = pack.rules().stream().map(r -> r.meta().title()).collect(Collectors.toSet());
        for (Event event : EVENTS) {
            for (Detection detection : engine.evaluate(event)) {
                assertThat(titles).contains(detection.title());
            }
        }
    }

    private static void checkLoad(LoadResult result, String source, String text) {
        int lines = text.split("\r\n|\r|\n", -1).length;
        boolean reportErrors = false;
        for (DocumentReport report : result.documents()) {
            reportErrors |= report.hasErrors();
            for (Issue issue : report.issues()) {
                assertThat(issue.location().source()).isEqualTo(source);
                assertThat(issue.location().line()).as("line of %s", issue.headline()).isBetween(0, lines + 1);
                assertThat(issue.message()).isNotBlank();
            }
        }
        assertThat(result.pack().issues()).allSatisfy(i -> assertThat(i.location().source()).isEqualTo(source));
        assertThat(result.hasErrors()).isEqualTo(reportErrors);
        for (SigmaRule rule : result.pack().rules()) {
            assertThat(rule.location().source()).isEqualTo(source);
        }
    }

    private static synchronized Path scratchFile() throws IOException {
        if (scratch == null) {
            Path dir = Files.createTempDirectory("edr-fuzz");
            dir.toFile().deleteOnExit();
            scratch = dir.resolve("rule.yml");
            scratch.toFile().deleteOnExit();
        }
        return scratch;
    }
}
