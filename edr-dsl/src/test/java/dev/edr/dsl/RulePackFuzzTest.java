package dev.edr.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.edr.core.diag.Issue;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

        assertThat(engine.ruleCount()).isBetween(0, pack.rules().size() + pack.correlations().size());
        for (Issue issue : engine.issues()) {
            assertThat(issue.location().source()).isEqualTo(SOURCE);
            assertThat(issue.message()).isNotBlank();
        }
        Set<String> titles = pack.documents().stream().map(d -> d.meta().title()).collect(Collectors.toSet());
        for (Event event : EVENTS) {
            for (Detection detection : engine.evaluate(event)) {
                assertThat(titles).contains(detection.title());
            }
        }
        try (EngineSession session = engine.newSession()) {
            for (Event event : EVENTS) {
                session.evaluate(event).forEach(d -> assertThat(titles).contains(d.title()));
            }
            session.flush().forEach(d -> assertThat(titles).contains(d.title()));
        }
    }

    private static final String[] FIELDS = {"Image", "CommandLine", "EventID", "DestinationIp", "a.b", "User"};
    private static final String[] MODIFIERS = {"contains", "startswith", "endswith", "all", "neq", "exists", "cased",
        "windash", "re", "i", "m", "s", "base64", "base64offset", "utf16le", "wide", "lt", "gte", "cidr", "fieldref",
        "hour", "year"};
    private static final String[] VALUES = {"*", "?", "\\", "a*b", "cmd", "-x", "/x", "10.0.0.0/8", "::1/128", "1",
        "2024-01-02T03:04:05Z", "(a+)+$", "^c.d", "true", "null", "", "Image", "\u00e9", "\ud83d\ude00"};
    private static final String[] CONDITIONS = {"s0", "s1", "not s0", "s0 and s1", "s0 or not s1", "1 of s*",
        "all of them", "(s0 or s1) and not s2", "1 of them"};

    /**
     * Rules that load, so the compiler and the matchers are reached on nearly every run: identifiers, modifier chains
     * and values come from small vocabularies, the event fields from the same values, so matches happen.
     */
    @FuzzTest(maxDuration = "5m")
    void compileGenerated(FuzzedDataProvider data) {
        StringBuilder yaml = new StringBuilder("title: t\nid: 9e95725d-7320-415d-80f7-004da920fc15\nlogsource:\n"
                + "    product: windows\ndetection:\n");
        int identifiers = data.consumeInt(1, 3);
        for (int i = 0; i < identifiers; i++) {
            yaml.append("    s").append(i).append(":\n");
            int items = data.consumeInt(1, 3);
            for (int j = 0; j < items; j++) {
                StringBuilder key = new StringBuilder(data.pickValue(FIELDS) + j);
                int modifiers = data.consumeInt(0, 3);
                for (int k = 0; k < modifiers; k++) {
                    key.append('|').append(data.pickValue(MODIFIERS));
                }
                yaml.append("        '").append(key).append("':\n");
                int values = data.consumeInt(1, 3);
                for (int k = 0; k < values; k++) {
                    yaml.append("            - ").append(yamlValue(data)).append('\n');
                }
            }
        }
        yaml.append("    condition: ").append(data.pickValue(CONDITIONS)).append('\n');
        Map<String, Object> fields = new LinkedHashMap<>();
        int eventFields = data.consumeInt(0, 6);
        for (int i = 0; i < eventFields; i++) {
            fields.put(data.pickValue(FIELDS) + data.consumeInt(0, 2), eventValue(data));
        }
        RulePack pack = LOADER.loadText(SOURCE, yaml.toString()).pack();

        Engine engine = Engine.builder().rules(pack).build();

        assertThat(engine.ruleCount()).isBetween(0, pack.rules().size());
        Event event = Event.builder().product("windows").fields(fields).build();
        assertThat(engine.evaluate(event)).hasSizeLessThanOrEqualTo(1);
        assertThat(engine.evaluate(Event.of(fields))).hasSizeLessThanOrEqualTo(1);
    }

    private static String yamlValue(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> "'" + data.pickValue(VALUES).replace("'", "''") + "'";
            case 1 -> "'" + data.consumeString(12).replace("'", "''") + "'";
            case 2 -> String.valueOf(data.consumeLong());
            default -> data.pickValue(new String[] {"null", "true", "1.5", "-0", "''"});
        };
    }

    private static Object eventValue(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 6)) {
            case 0 -> data.pickValue(VALUES);
            case 1 -> data.consumeString(16);
            case 2 -> data.consumeLong();
            case 3 -> data.consumeDouble();
            case 4 -> List.of(data.pickValue(VALUES), data.consumeLong());
            case 5 -> Map.of("x", data.pickValue(VALUES));
            default -> new ArrayList<>(java.util.Collections.singletonList(null));
        };
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
