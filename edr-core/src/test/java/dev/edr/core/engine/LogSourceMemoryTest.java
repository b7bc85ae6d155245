package dev.edr.core.engine;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edr.core.event.Event;
import dev.edr.core.rule.RulePack;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A session remembers, per logsource, which routes and rule fields apply. What it remembers must never change an
 * answer: many logsources, many field names, names that differ only in case, logsources named in upper case.
 */
class LogSourceMemoryTest {
    private static final Engine ENGINE = Engine.builder().rules(RulePack.of(List.of(
            rule("proc", ls("windows", "process_creation", null), field("CommandLine", s("*evil*"))),
            rule("any", ls("windows", null, null), field("Tag", s("marked"))),
            rule("sec", ls("windows", null, "security"), field("CommandLine", s("*evil*")))))).build();

    private static List<String> ids(List<Detection> ds) {
        return ds.stream().map(Detection::id).sorted().toList();
    }

    private static Event event(String category, String service, Map<String, ?> fields) {
        Event.Builder b = Event.builder().product("windows").fields(fields);
        if (category != null) b.categories(Set.of(category));
        if (service != null) b.services(Set.of(service));
        return b.build();
    }

    @Test
    void manyLogsourcesInOneSessionGiveTheAnswersOfFreshEvaluations() {
        try (EngineSession session = ENGINE.newSession()) {
            for (int i = 0; i < 1_000; i++) { // far more logsources than a session remembers at once
                String category = i % 3 == 0 ? "process_creation" : "category_" + i;
                String service = i % 5 == 0 ? "security" : "service_" + (i % 400);
                Event e = event(category, service, Map.of("CommandLine", "run evil " + i, "Tag", i % 2 == 0 ? "marked" : "x"));
                List<String> expected = new java.util.ArrayList<>();
                if (i % 2 == 0) expected.add("any");
                if (i % 3 == 0) expected.add("proc");
                if (i % 5 == 0) expected.add("sec");
                assertThat(ids(session.evaluate(e))).as("event %d", i).isEqualTo(expected.stream().sorted().toList());
                assertThat(ids(ENGINE.evaluate(e))).as("event %d, fresh", i).isEqualTo(ids(session.evaluate(e)));
            }
        }
    }

    @Test
    void manyFieldNamesAndNamesDifferingInCaseAreStillRead() {
        try (EngineSession session = ENGINE.newSession()) {
            for (int i = 0; i < 600; i++) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (int k = 0; k < 20; k++) fields.put("Extra" + i + "_" + k, "v"); // 12,000 names in one logsource
                // a new String object each time, and alternately another case: the name is found by value
                String name = new String(i % 2 == 0 ? "CommandLine" : "commandline");
                fields.put(name, i % 4 < 2 ? "an EVIL one" : "benign");
                assertThat(ids(session.evaluate(event("process_creation", null, fields)))).as("event %d", i)
                        .isEqualTo(i % 4 < 2 ? List.of("proc") : List.of());
            }
        }
    }

    @Test
    void logsourceNamesAreLowerCasedSharedAndImmutable() {
        Set<String> categories = new LinkedHashSet<>(List.of("Process_Creation"));
        Event a = Event.builder().product("Windows").categories(categories).fields(Map.of("CommandLine", "evil")).build();
        Event b = Event.builder().product("windows").categories(Set.of("process_creation")).fields(Map.of()).build();
        categories.add("later"); // the event took a copy
        assertThat(a.product()).isEqualTo("windows");
        assertThat(a.categories()).containsExactly("process_creation");
        assertThat(a.categories()).isSameAs(b.categories());
        assertThatThrownBy(() -> a.categories().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ids(ENGINE.evaluate(a))).containsExactly("proc");
        assertThat(Event.of(Map.of("CommandLine", "evil")).hasLogSource()).isFalse();
    }
}
