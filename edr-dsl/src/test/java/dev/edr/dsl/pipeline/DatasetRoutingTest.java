package dev.edr.dsl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The public evtx-attack-samples export and the SigmaHQ regression events: all read without a bad record, and
 * routed. Prints (does not assert) the distribution, so changes to the pipeline show up in the test log.
 */
class DatasetRoutingTest {
    private final EventNormalizer normalizer = Normalizers.auto(Pipelines.windowsDefault());

    private static List<EventRecord> readAll(Path path, List<Issue> issues) {
        try (Stream<EventRecord> s = EventReader.create().read(path, issues::add)) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void evtxAttackSamplesAreReadAndRouted() {
        List<Issue> issues = new ArrayList<>();
        List<EventRecord> records = readAll(SharedData.dir().resolve("datasets/evtx-attack-samples.jsonl"), issues);
        assertThat(issues).isEmpty();
        assertThat(records).hasSize(8255);
        assertThat(records).extracting(EventRecord::index).doesNotHaveDuplicates();
        assertThat(records.get(8254).index()).isEqualTo(8254L);
        assertThat(records.get(8254).line()).isEqualTo(8255L);

        List<Event> events = records.stream().map(r -> normalizer.normalize(r.json())).collect(Collectors.toList());
        printDistribution("evtx-attack-samples", events);

        assertThat(events).allSatisfy(e -> {
            assertThat(e.product()).isEqualTo("windows");
            assertThat(e.time()).isNotNull();
            assertThat(e.host()).isNotBlank();
            assertThat(e.get("EventID")).isInstanceOf(Long.class);
        });
        // every event that names its channel is routed to a service; only ETW records without one are not
        assertThat(events).filteredOn(e -> e.get("Channel") != null)
                .allSatisfy(e -> assertThat(e.services()).as("%s", e.get("Channel")).isNotEmpty());
        assertThat(events).filteredOn(e -> "Microsoft-Windows-Sysmon/Operational".equals(e.get("Channel")))
                .hasSize(3241)
                .allSatisfy(e -> assertThat(e.categories()).as("Sysmon %s", e.get("EventID")).isNotEmpty());
        assertThat(events).filteredOn(e -> Long.valueOf(4688).equals(e.get("EventID")))
                .hasSize(42)
                .allSatisfy(e -> {
                    assertThat(e.categories()).containsExactly("process_creation");
                    assertThat(e.get("Image")).isEqualTo(e.get("NewProcessName")).isNotNull();
                });
        assertThat(events).filteredOn(e -> e.categories().contains("process_creation")).hasSize(1491 + 42);
        assertThat(events).filteredOn(e -> e.categories().contains("antivirus")).hasSize(6)
                .allSatisfy(e -> assertThat(e.get("Signature")).isEqualTo(e.get("Threat Name")).isNotNull());
    }

    @Test
    void sigmaRegressionEventsRouteToTheLogsourceOfTheirRule() throws IOException {
        Path shared = SharedData.dir();
        List<Issue> issues = new ArrayList<>();
        List<EventRecord> records = readAll(shared.resolve("sigma/regression"), issues);
        assertThat(issues).isEmpty();
        assertThat(records.size()).isGreaterThanOrEqualTo(100);

        Map<String, Map<String, Object>> logsourceByRuleId = ruleLogsources(shared.resolve("sigma"));
        List<Event> events = new ArrayList<>();
        int checked = 0;
        for (EventRecord r : records) {
            Event e = normalizer.normalize(r.json());
            events.add(e);
            String ruleId = Path.of(r.source()).getFileName().toString().replace(".json", "");
            Map<String, Object> logsource = logsourceByRuleId.get(ruleId);
            if (logsource == null) {
                continue;
            }
            checked++;
            assertThat(e.product()).as(r.source()).isEqualTo(String.valueOf(logsource.get("product")));
            if (logsource.get("category") != null) {
                assertThat(e.categories()).as(r.source()).contains(String.valueOf(logsource.get("category")));
            }
            if (logsource.get("service") != null) {
                assertThat(e.services()).as(r.source()).contains(String.valueOf(logsource.get("service")));
            }
        }
        System.out.println("regression events checked against their rule's logsource: " + checked);
        assertThat(checked).isGreaterThanOrEqualTo(90);
        printDistribution("sigma regression", events);
    }

    private static Map<String, Map<String, Object>> ruleLogsources(Path sigma) throws IOException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        Load load = new Load(LoadSettings.builder().build());
        List<Path> files;
        try (Stream<Path> s = Files.list(sigma)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("rules")).collect(Collectors.toList());
        }
        for (Path dir : files) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path rule : walk.filter(p -> p.toString().endsWith(".yml")).collect(Collectors.toList())) {
                    Iterable<Object> docs;
                    try {
                        docs = load.loadAllFromString(Files.readString(rule));
                        for (Object doc : docs) {
                            if (doc instanceof Map && ((Map<?, ?>) doc).get("logsource") instanceof Map) {
                                @SuppressWarnings("unchecked")
                                Map<String, Object> ls = (Map<String, Object>) ((Map<?, ?>) doc).get("logsource");
                                out.put(String.valueOf(((Map<?, ?>) doc).get("id")), ls);
                            }
                        }
                    } catch (RuntimeException e) {
                        // the rule loader's business, not this test's: a rule we cannot read is just not checked
                        System.out.println("skipped rule " + rule + ": " + e);
                    }
                }
            }
        }
        return out;
    }

    private static void printDistribution(String name, List<Event> events) {
        Map<String, Integer> categories = new TreeMap<>();
        Map<String, Integer> services = new TreeMap<>();
        int noCategory = 0;
        int noService = 0;
        int neither = 0;
        for (Event e : events) {
            e.categories().forEach(c -> categories.merge(c, 1, Integer::sum));
            e.services().forEach(s -> services.merge(s, 1, Integer::sum));
            noCategory += e.categories().isEmpty() ? 1 : 0;
            noService += e.services().isEmpty() ? 1 : 0;
            neither += e.categories().isEmpty() && e.services().isEmpty() ? 1 : 0;
        }
        System.out.println("== " + name + ": " + events.size() + " events");
        System.out.println("categories: " + categories);
        System.out.println("services:   " + services);
        System.out.println("no category: " + noCategory + ", no service: " + noService + ", neither: " + neither);
    }
}
