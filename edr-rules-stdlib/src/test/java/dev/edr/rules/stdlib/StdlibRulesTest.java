package dev.edr.rules.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.engine.EventRef;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import dev.edr.core.response.ActionState;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.Playbook;
import dev.edr.core.response.Playbooks;
import dev.edr.core.response.ResponseAction;
import dev.edr.core.response.Trigger;
import dev.edr.core.response.adapters.LoggingAdapter;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaDocument;
import dev.edr.core.rule.SigmaRule;
import dev.edr.dsl.LoadResult;
import dev.edr.dsl.RuleLoader;
import dev.edr.dsl.pipeline.Pipelines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every bundled rule loads cleanly, and fires on exactly the demo events it was written for. A correlation file
 * holds the correlation first, then the rules and correlations it is built on (which are not output on their
 * own: Sigma's {@code generate} defaults to false).
 */
class StdlibRulesTest {
    /** rule id -> indexes of the demo events (0-based, file order) it must fire on; nothing else may fire. */
    private static final Map<String, Set<Long>> EXPECTED = Map.of(
            "a8957ebc-526d-4646-ae27-10c90a36dacf", Set.of(1L), // Office spawns PowerShell
            "24d92d8d-9fa6-4b74-8176-94c64e41bcb9", Set.of(1L), // encoded, hidden PowerShell
            "c93a6102-a5b3-426f-871e-4f86af6c9976", Set.of(2L), // PowerShell to 203.0.113.50 (not chrome to 10.0.0.8)
            "adfb40b9-6333-446f-8c85-00e06542bf51", Set.of(4L), // drops svchost-upd.exe in Temp
            "a3fd33bc-4df0-43dc-9a28-b811d5384e2a", Set.of(6L), // LSASS read by the dropper, not by Defender (7)
            "92dd4766-9656-4c3d-b461-cabeffeee196", Set.of(8L), // comsvcs MiniDump
            "01d24ff0-df3f-4028-9ee0-552af92b1f02", Set.of(9L), // 4648 with adm-jsmith
            "75c46ffb-dacf-41e3-9add-fe5304b67e17", Set.of(10L), // NTLM network logon of adm-jsmith, not bob's Kerberos (12)
            "3f5a0d3a-51c7-4b9f-bc5e-4dd18a92a7ba", Set.of(12L), // PSEXESVC installed
            "143ee519-1c57-4f7e-b605-35c6f85df58c", Set.of(13L)); // PSEXESVC spawns cmd

    /** correlation id -> indexes of the demo events that complete it, in a session. */
    private static final Map<String, Set<Long>> EXPECTED_CORRELATIONS = Map.of(
            "f3f53831-27bd-46a6-a596-8c75ecd11015", Set.of(19L), // whoami, net, nltest, ipconfig within 9 s
            "61526c05-9984-451f-a66a-aa5db3c8761a", Set.of(24L), // 5th account tried from 10.20.4.17
            "2dfb0a16-1aa0-42c3-a50c-37d4b111165e", Set.of(30L)); // svc_backup: 6 failures, then a logon

    @Test
    void everyBundledRuleLoadsWithoutIssues() {
        for (String name : Stdlib.ruleNames()) {
            LoadResult r = RuleLoader.create().loadText(name, Stdlib.read(name));
            assertThat(r.pack().issues()).as(name).isEmpty();
            if (r.pack().correlations().isEmpty()) {
                assertThat(r.pack().documents()).as(name).hasSize(1);
                continue;
            }
            CorrelationRule outer = r.pack().correlations().get(0);
            assertThat(outer.meta().level()).as(name).isNotNull();
            Set<String> referenced = new TreeSet<>();
            r.pack().correlations().forEach(c -> referenced.addAll(c.rules()));
            for (SigmaDocument d : r.pack().documents()) {
                RuleMeta m = d instanceof CorrelationRule c ? c.meta() : ((SigmaRule) d).meta();
                if (m != outer.meta()) {
                    assertThat(referenced).as(name + ": every inner document is used").contains(m.name());
                }
            }
        }
    }

    @Test
    void indexListsExactlyTheRuleFiles() throws IOException {
        Path dir = Path.of("src/main/resources/dev/edr/rules/stdlib/rules");
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).forEach(onDisk::add);
        }
        Set<String> indexed = new TreeSet<>();
        Stdlib.ruleNames().forEach(n -> indexed.add(n.substring("rules/".length())));
        assertThat(indexed).isEqualTo(onDisk);
    }

    @Test
    void detectionRulesFireOnTheirDemoEventsOnly() {
        RulePack pack = RulePack.of(List.of());
        for (String name : Stdlib.ruleNames()) {
            pack = pack.merge(RuleLoader.create().loadText(name, Stdlib.read(name)).pack());
        }
        Engine engine = Engine.builder().rules(pack).build();
        assertThat(engine.issues()).isEmpty();
        Map<String, Set<Long>> fired = new TreeMap<>();
        List<Object> problems = new ArrayList<>();
        var normalizer = Normalizers.auto(Pipelines.windowsDefault());
        try (Stream<EventRecord> records = EventReader.create().read(Stdlib.open(Stdlib.demoEventsName()), "demo", problems::add)) {
            records.forEach(r -> {
                for (Detection d : engine.evaluate(normalizer.normalize(r.json()))) {
                    fired.computeIfAbsent(d.id(), k -> new TreeSet<>()).add(r.index());
                }
            });
        }
        assertThat(problems).isEmpty();
        Map<String, Set<Long>> expected = new TreeMap<>();
        Set<String> correlated = new TreeSet<>();
        pack.correlations().forEach(c -> correlated.addAll(c.rules()));
        pack.rules().forEach(rule -> {
            if (EXPECTED.containsKey(rule.meta().id())) {
                expected.put(rule.meta().id(), new TreeSet<>(EXPECTED.get(rule.meta().id())));
            }
        });
        long standalone = pack.rules().stream().filter(r -> r.meta().name() == null || !correlated.contains(r.meta().name())).count();
        assertThat(expected).as("every stand-alone detection rule has an expectation").hasSize((int) standalone);
        assertThat(fired).isEqualTo(expected);
    }

    @Test
    void correlationsFireOnTheirDemoEventsInASession() {
        Engine engine = Engine.builder().rules(stdlib()).build();
        assertThat(engine.issues()).isEmpty();
        Map<String, Set<Long>> fired = new TreeMap<>();
        Map<String, Set<Long>> single = new TreeMap<>();
        List<Object> problems = new ArrayList<>();
        var normalizer = Normalizers.auto(Pipelines.windowsDefault());
        try (EngineSession session = engine.newSession();
                Stream<EventRecord> records = EventReader.create().read(Stdlib.open(Stdlib.demoEventsName()), "demo",
                        problems::add)) {
            records.forEach(r -> {
                for (Detection d : session.evaluate(normalizer.normalize(r.json()), new EventRef("demo", r.index()))) {
                    if (d.isCorrelation()) {
                        assertThat(d.correlation().source().index()).isEqualTo(r.index());
                        fired.computeIfAbsent(d.id(), k -> new TreeSet<>()).add(r.index());
                    } else {
                        single.computeIfAbsent(d.id(), k -> new TreeSet<>()).add(r.index());
                    }
                }
            });
            assertThat(session.flush()).isEmpty();
            assertThat(session.warnings()).isEmpty();
        }
        assertThat(problems).isEmpty();
        Map<String, Set<Long>> expected = new TreeMap<>();
        EXPECTED_CORRELATIONS.forEach((k, v) -> expected.put(k, new TreeSet<>(v)));
        assertThat(fired).isEqualTo(expected);
        Map<String, Set<Long>> expectedSingle = new TreeMap<>();
        EXPECTED.forEach((k, v) -> expectedSingle.put(k, new TreeSet<>(v)));
        assertThat(single).as("a session gives the same single-event detections").isEqualTo(expectedSingle);
    }

    @Test
    void playbooksLoadWithoutIssuesAndTheIndexListsThem() throws IOException {
        for (String name : Stdlib.playbookNames()) {
            LoadResult r = RuleLoader.create().loadText(name, Stdlib.read(name));
            assertThat(r.pack().issues()).as(name).isEmpty();
            assertThat(r.playbooks()).as(name).hasSize(1);
            assertThat(r.documents()).as(name).extracting(d -> d.kind()).containsExactly("playbook");
        }
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> s = Files.list(Path.of("src/main/resources/dev/edr/rules/stdlib/playbooks"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).forEach(onDisk::add);
        }
        Set<String> indexed = new TreeSet<>();
        Stdlib.playbookNames().forEach(n -> indexed.add(n.substring("playbooks/".length())));
        assertThat(indexed).isEqualTo(onDisk);
    }

    /**
     * The demo's response: both credential-dumping detections ask to isolate WS-FIN-07 (done once, the second is a
     * duplicate); the stolen admin credential gets its sessions ended and its rotation held for approval. Nothing
     * else in the incident triggers an action.
     */
    @Test
    void playbooksAnswerTheDemoIncident() throws Exception {
        List<Playbook> playbooks = new ArrayList<>();
        Stdlib.playbookNames().forEach(n -> playbooks.addAll(RuleLoader.create().loadText(n, Stdlib.read(n))
                .playbooks()));
        Engine engine = Engine.builder().rules(stdlib()).build();
        Playbooks answer = Playbooks.of(playbooks);
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        LoggingAdapter logging = LoggingAdapter.to(logged::add);
        List<AuditEntry> trail = new java.util.concurrent.CopyOnWriteArrayList<>();
        var normalizer = Normalizers.auto(Pipelines.windowsDefault());
        try (Dispatcher d = Dispatcher.builder().hostIsolation(logging).remediation(logging)
                .privilegedAccess(logging).dedupAcrossRules(true).auditListener(trail::add).build();
                EngineSession session = engine.newSession();
                Stream<EventRecord> records = EventReader.create().read(Stdlib.open(Stdlib.demoEventsName()), "demo",
                        issue -> { })) {
            records.forEach(r -> {
                for (Detection det : session.evaluate(normalizer.normalize(r.json()), new EventRef("demo", r.index()))) {
                    d.submit(answer.plan(Trigger.builder().rule(det.id(), det.title(), det.level())
                            .ruleName(det.rule().name()).tags(det.tags()).correlation(det.isCorrelation())
                            .source("demo", r.index()).host(det.event().host()).eventTime(det.event().time())
                            .fields(det.event().fields()).build()));
                }
            });
            assertThat(d.awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();
            assertThat(d.pendingApprovals()).singleElement().satisfies(p -> assertThat(p.action())
                    .isEqualTo(new ResponseAction.RotateCredential("CORP\\adm-jsmith")));
        }
        assertThat(trail).filteredOn(e -> e.state() != ActionState.DISPATCHED).extracting(e -> e.type().wireName()
                + " " + e.target() + " " + e.state().wireName() + " " + e.ruleId()).containsExactlyInAnyOrder(
                "isolate_host host:ws-fin-07.corp.example accepted a3fd33bc-4df0-43dc-9a28-b811d5384e2a",
                "isolate_host host:ws-fin-07.corp.example suppressed_duplicate 92dd4766-9656-4c3d-b461-cabeffeee196",
                "terminate_sessions account:corp\\adm-jsmith accepted 01d24ff0-df3f-4028-9ee0-552af92b1f02",
                "rotate_credential account:corp\\adm-jsmith pending_approval 01d24ff0-df3f-4028-9ee0-552af92b1f02");
        assertThat(logged).hasSize(2); // the isolation and the session termination; the rotation waits
    }

    private static RulePack stdlib() {
        RulePack pack = RulePack.of(List.of());
        for (String name : Stdlib.ruleNames()) {
            pack = pack.merge(RuleLoader.create().loadText(name, Stdlib.read(name)).pack());
        }
        return pack;
    }
}
