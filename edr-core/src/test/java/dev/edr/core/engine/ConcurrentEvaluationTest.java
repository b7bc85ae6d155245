package dev.edr.core.engine;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.SigmaRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads share one engine; each must get exactly the single-threaded answers (results, not timing). */
class ConcurrentEvaluationTest {
    @Test
    void concurrentCallersGetTheSameDetectionsAsASingleThread() throws Exception {
        List<SigmaRule> rules = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            LogSource ls = i % 3 == 0 ? LogSource.ANY : ls("windows", i % 2 == 0 ? "process_creation" : null, null);
            rules.add(rule("r" + i, ls, field("CommandLine", s("*tok" + (i % 10) + "*"))));
        }
        Engine engine = Engine.builder().rules(RulePack.of(rules)).build();
        Random rnd = new Random(7);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String cli = "run tok" + rnd.nextInt(10) + " tok" + rnd.nextInt(20);
            Event.Builder b = Event.builder().fields(Map.of("CommandLine", cli));
            if (rnd.nextBoolean()) b.product("windows").categories(Set.of("process_creation"));
            events.add(b.build());
        }
        List<List<String>> expected = events.stream().map(e -> ids(engine.evaluate(e))).toList();
        assertThat(expected).anySatisfy(l -> assertThat(l).hasSizeGreaterThan(1));

        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                boolean useSession = t % 2 == 1;
                jobs.add(() -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < events.size(); i++) order.add(i);
                    Collections.shuffle(order, new Random(seed));
                    int checked = 0;
                    try (EngineSession session = engine.newSession()) {
                        for (int round = 0; round < 5; round++) {
                            for (int i : order) {
                                List<Detection> got = useSession ? session.evaluate(events.get(i)) : engine.evaluate(events.get(i));
                                assertThat(ids(got)).as("event %d", i).isEqualTo(expected.get(i));
                                assertThat(got).allSatisfy(d -> assertThat(d.event()).isSameAs(events.get(i)));
                                checked++;
                            }
                        }
                    }
                    return checked;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(jobs)) {
                total += f.get();
            }
            assertThat(total).isEqualTo(threads * 5 * events.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> ids(List<Detection> ds) {
        return ds.stream().map(Detection::id).toList();
    }
}
