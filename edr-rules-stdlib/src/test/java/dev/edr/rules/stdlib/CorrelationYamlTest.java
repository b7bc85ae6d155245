package dev.edr.rules.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.diag.Issue;
import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.Event;
import dev.edr.dsl.LoadResult;
import dev.edr.dsl.RuleLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Correlations written in YAML: loading errors are located, and a loaded pack correlates in a session. */
class CorrelationYamlTest {
    private static final String BASE = """
            title: Failed logon
            id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
            name: failed_login
            logsource:
                product: windows
                service: security
            detection:
                selection:
                    EventID: 4625
                condition: selection
            """;

    private static LoadResult load(String yaml) {
        return RuleLoader.create().loadText("mr.yml", yaml);
    }

    private static List<Issue> errors(LoadResult r) {
        return r.pack().issues().stream().filter(Issue::isError).toList();
    }

    @Test
    void aReferenceToAnUnknownRuleIsALocatedError() {
        LoadResult r = load("""
                title: Many failed logons
                correlation:
                    type: event_count
                    rules:
                        - failed_login
                        - no_such_rule
                    group-by:
                        - User
                    timespan: 10m
                    condition:
                        gte: 10
                ---
                """ + BASE);
        assertThat(errors(r)).singleElement().satisfies(i -> {
            assertThat(i.code()).isEqualTo(IssueCode.UNKNOWN_RULE_REFERENCE);
            assertThat(i.location()).isEqualTo(SourceLocation.of("mr.yml", 6, 11));
        });
        assertThat(r.pack().correlations()).isEmpty();
        assertThat(Engine.builder().rules(r.pack()).build().issues()).isEmpty();
    }

    @Test
    void aCycleIsALocatedError() {
        LoadResult r = load("""
                title: A
                name: corr_a
                correlation:
                    type: event_count
                    rules:
                        - corr_b
                    group-by: [User]
                    timespan: 10m
                    condition:
                        gte: 1
                ---
                title: B
                name: corr_b
                correlation:
                    type: event_count
                    rules:
                        - corr_a
                    group-by: [User]
                    timespan: 10m
                    condition:
                        gte: 1
                """);
        assertThat(errors(r)).extracting(Issue::code).containsOnly(IssueCode.CORRELATION_CYCLE);
        assertThat(errors(r)).extracting(Issue::location).contains(SourceLocation.of("mr.yml", 6, 11),
                SourceLocation.of("mr.yml", 17, 11));
        assertThat(r.pack().correlations()).isEmpty();
    }

    @Test
    void aMissingRequiredKeyIsALocatedError() {
        LoadResult r = load("""
                title: No timespan
                correlation:
                    type: value_count
                    rules:
                        - failed_login
                    group-by:
                        - IpAddress
                    condition:
                        gte: 5
                ---
                """ + BASE);
        assertThat(errors(r)).extracting(Issue::code).contains(IssueCode.MISSING_ATTRIBUTE);
        assertThat(errors(r)).extracting(Issue::message).anySatisfy(m -> assertThat(m).contains("timespan"))
                .anySatisfy(m -> assertThat(m).contains("field"));
        assertThat(errors(r)).allSatisfy(i -> assertThat(i.location().line()).isBetween(2, 9));
        assertThat(r.pack().correlations()).isEmpty();
    }

    @Test
    void theSpecExampleRunsEndToEnd() {
        LoadResult r = load("""
                title: Correlation - Multiple Failed Logins Followed by Successful Login
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                correlation:
                    type: temporal_ordered
                    rules:
                        - multiple_failed_login
                        - successful_login
                    group-by:
                        - User
                    timespan: 10m
                level: high
                ---
                title: Multiple failed logons
                id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
                name: multiple_failed_login
                correlation:
                    type: event_count
                    rules:
                        - failed_login
                    group-by:
                        - User
                    timespan: 10m
                    condition:
                        gte: 10
                ---
                """ + BASE + """
                ---
                title: Successful login
                id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
                name: successful_login
                logsource:
                    product: windows
                    service: security
                detection:
                    selection:
                        EventID: 4624
                    condition: selection
                """);
        assertThat(r.pack().issues()).isEmpty();
        Engine engine = Engine.builder().rules(r.pack()).build();
        assertThat(engine.issues()).isEmpty();
        Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) events.add(logon(t0.plusSeconds(i * 30), 4625, "bob"));
        events.add(logon(t0.plusSeconds(400), 4624, "bob"));
        events.add(logon(t0.plusSeconds(401), 4624, "alice"));
        List<Detection> out = new ArrayList<>();
        try (EngineSession s = engine.newSession()) {
            for (int i = 0; i < events.size(); i++) out.addAll(s.evaluate(events.get(i), new EventRef("ev.jsonl", i)));
            out.addAll(s.flush());
        }
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("b180ead8-d58f-40b2-ae54-c8940995b9b6");
            assertThat(d.level()).isEqualTo("high");
            assertThat(d.correlation().source()).isEqualTo(new EventRef("ev.jsonl", 10));
            assertThat(d.correlation().events()).hasSize(11);
        });
    }

    private static Event logon(Instant time, int id, String user) {
        return Event.builder().product("windows").services(java.util.Set.of("security")).time(time)
                .fields(Map.of("EventID", id, "User", user)).build();
    }
}
