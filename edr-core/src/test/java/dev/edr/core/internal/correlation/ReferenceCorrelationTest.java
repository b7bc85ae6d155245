package dev.edr.core.internal.correlation;

import static dev.edr.core.internal.correlation.Corr.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.rule.CorrelationRule;
import dev.edr.core.rule.CorrelationRule.Operator;
import dev.edr.core.rule.CorrelationRule.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random timestamped sequences against a plain, quadratic reading of the documented semantics: at each match,
 * recompute the aggregate over every earlier match of its group no older than the timespan, and fire when the
 * condition holds and the group is armed.
 */
class ReferenceCorrelationTest {
    private static final String[] RULES = {"a", "b", "c"};
    private static final Operator[] OPS = Operator.values();

    @Test
    void theEngineAgreesWithTheReferenceOnRandomSequences() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            Type type = List.of(Type.EVENT_COUNT, Type.VALUE_COUNT, Type.TEMPORAL, Type.TEMPORAL_ORDERED)
                    .get(random.nextInt(4));
            Operator op = OPS[random.nextInt(OPS.length)];
            int threshold = 1 + random.nextInt(4);
            long spanSeconds = 10 + random.nextInt(60);
            boolean useCondition = !type.name().startsWith("TEMPORAL") || random.nextBoolean();
            Corr.Builder b = corr("x", type, RULES).by("User").span(Duration.ofSeconds(spanSeconds));
            if (useCondition) b.when(op, threshold);
            if (type == Type.VALUE_COUNT) b.field("Value");
            CorrelationRule c = b.build();
            List<Event> events = new ArrayList<>();
            double t = 0;
            for (int i = 0; i < 60; i++) {
                t += random.nextInt(4) == 0 ? 0 : random.nextInt(15);
                events.add(ev(t, "Rule", random.nextInt(8) == 0 ? "none" : RULES[random.nextInt(3)],
                        "User", "u" + random.nextInt(3), "Value", "v" + random.nextInt(4)));
            }
            List<Long> expected = reference(type, useCondition ? op : null, threshold, spanSeconds * 1000, events);
            List<Long> actual = firedAt(run(engine(pack(List.of(base("a"), base("b"), base("c")), c)), events));
            assertThat(actual).as("round %d: %s %s %d in %d s", round, type, useCondition ? op : "all", threshold,
                    spanSeconds).isEqualTo(expected);
        }
    }

    private static List<Long> reference(Type type, Operator op, int threshold, long span, List<Event> events) {
        List<Long> fired = new ArrayList<>();
        Map<String, Boolean> armed = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            int rule = List.of(RULES).indexOf((String) e.get("Rule"));
            if (rule < 0) continue;
            String user = (String) e.get("User");
            long now = e.time().toEpochMilli();
            List<Integer> window = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                Event o = events.get(j);
                if (o.get("User").equals(user) && List.of(RULES).contains((String) o.get("Rule"))
                        && o.time().toEpochMilli() >= now - span) {
                    window.add(j);
                }
            }
            if (window.isEmpty()) armed.put(user, true);
            window.add(i);
            int value = switch (type) {
                case EVENT_COUNT -> window.size();
                case VALUE_COUNT -> distinct(window, events, "Value");
                case TEMPORAL -> distinct(window, events, "Rule");
                default -> orderedPrefix(window, events);
            };
            boolean holds = op == null ? value >= RULES.length
                    : new Bounds(Map.of(op, BigDecimal.valueOf(threshold))).test(BigDecimal.valueOf(value));
            if (!holds) {
                armed.put(user, true);
            } else if (armed.getOrDefault(user, true)) {
                armed.put(user, false);
                fired.add((long) i);
            }
        }
        return fired;
    }

    private static int distinct(List<Integer> window, List<Event> events, String field) {
        Set<Object> values = new HashSet<>();
        for (int j : window) values.add(events.get(j).get(field));
        return values.size();
    }

    private static int orderedPrefix(List<Integer> window, List<Event> events) {
        int next = 0;
        for (int j : window) {
            if (next < RULES.length && RULES[next].equals(events.get(j).get("Rule"))) next++;
        }
        return next;
    }
}
