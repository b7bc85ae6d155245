package dev.edr.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.engine.Detection;
import dev.edr.core.engine.Engine;
import dev.edr.core.engine.EngineSession;
import dev.edr.core.event.Event;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The Drools engine must give exactly the detections of the naive {@link ReferenceEvaluator}. */
class DifferentialTest {
    private static final int PACKS = 60;
    private static final int RULES_PER_PACK = 25;
    private static final int EVENTS_PER_PACK = 150;

    @TestFactory
    Stream<DynamicTest> engineAgreesWithReference() {
        return IntStream.range(0, PACKS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> check(seed)));
    }

    /**
     * The same with events of more than a dozen keys, from a few key sets in turn: the engine remembers per key
     * layout which keys to scan, and events that repeat a layout with other values must still agree.
     */
    @TestFactory
    Stream<DynamicTest> largeEventsAgreeWithReference() {
        return IntStream.range(0, PACKS / 3).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> check(1000 + seed, true)));
    }

    private static void check(long seed) {
        check(seed, false);
    }

    private static void check(long seed, boolean large) {
        RandomRules gen = new RandomRules(seed);
        RulePack pack = gen.pack(RULES_PER_PACK);
        ReferenceEvaluator reference = new ReferenceEvaluator(pack);
        Engine engine = Engine.builder().rules(pack).build();
        long accepted = pack.rules().stream().filter(reference::accepts).count();
        assertThat(engine.ruleCount()).as("compiled rules, seed %d, issues %s", seed, engine.issues())
                .isEqualTo((int) accepted);
        for (SigmaRule r : pack.rules()) {
            boolean reported = engine.issues().stream().anyMatch(i -> i.isError()
                    && (i.location().source().equals(r.location().source()) || i.message().contains("'" + r.meta().id() + "'")));
            assertThat(reported).as("rule %s rejected iff reported, seed %d", r.meta().id(), seed)
                    .isEqualTo(!reference.accepts(r));
        }
        int detections = 0;
        try (EngineSession session = engine.newSession()) {
            for (int i = 0; i < EVENTS_PER_PACK; i++) {
                Event event = large ? gen.largeEvent() : gen.event();
                List<ReferenceEvaluator.Hit> expected = reference.evaluate(event);
                detections += expected.size();
                List<ReferenceEvaluator.Hit> actual = hits(engine.evaluate(event));
                if (!actual.equals(expected)) {
                    assertThat(actual).as(explain(seed, i, event, pack, expected, actual)).isEqualTo(expected);
                }
                assertThat(hits(session.evaluate(event))).as("session, seed %d, event %d", seed, i).isEqualTo(expected);
            }
        }
        // guards against a generator drifting into all-match or no-match territory, where agreement proves little
        assertThat(detections).as("detections for seed %d", seed).isBetween(1, (int) (accepted * EVENTS_PER_PACK) - 1);
    }

    /** Names only the rules the two disagree on, so a failure can be read and replayed. */
    private static String explain(long seed, int index, Event event, RulePack pack, List<ReferenceEvaluator.Hit> expected,
            List<ReferenceEvaluator.Hit> actual) {
        java.util.Set<ReferenceEvaluator.Hit> diff = new java.util.HashSet<>(expected);
        diff.addAll(actual);
        diff.removeIf(h -> expected.contains(h) && actual.contains(h));
        StringBuilder b = new StringBuilder("seed " + seed + ", event " + index + ": " + event);
        for (ReferenceEvaluator.Hit h : diff) {
            pack.rules().stream().filter(r -> r.meta().id().equals(h.ruleId()))
                    .forEach(r -> b.append("\n").append(r.meta().id()).append(' ').append(r.logsource()).append(' ')
                            .append(r.detection()));
        }
        pack.filters().forEach(f -> b.append("\nfilter ").append(f.rules()).append(' ').append(f.filter()));
        return b.toString();
    }

    private static List<ReferenceEvaluator.Hit> hits(List<Detection> detections) {
        return detections.stream().map(d -> new ReferenceEvaluator.Hit(d.id(), d.matchedSelections())).toList();
    }
}
