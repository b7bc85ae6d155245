package dev.edr.core.engine;

import static dev.edr.core.testkit.Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.rule.RulePack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A session remembers what the scan of a field's text found, for short texts and (in a smaller table) long ones up to
 * a few thousand characters; longer texts are scanned every time. What it remembers must never change an answer:
 * texts that recur, as new string objects or the same, in the field they were scanned for or in another field with
 * other literals, texts that differ in one character or only in case, and far more texts than the tables hold.
 */
class RememberedScanTest {
    private static final Engine ENGINE = Engine.builder().rules(RulePack.of(List.of(
            rule("cmd", ls("windows", "process_creation", null), field("CommandLine", s("*mimikatz*"))),
            rule("parent", ls("windows", "process_creation", null), field("ParentCommandLine", s("*rundll32*"))),
            rule("tail", ls("windows", "process_creation", null), field("CommandLine", s("*.ps1")))))).build();

    private static Event event(String commandLine, String parentCommandLine) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("CommandLine", commandLine);
        fields.put("ParentCommandLine", parentCommandLine);
        return Event.builder().product("windows").categories(Set.of("process_creation")).fields(fields).build();
    }

    private static List<String> expected(String commandLine, String parentCommandLine) {
        List<String> ids = new ArrayList<>();
        String cmd = commandLine.toLowerCase(java.util.Locale.ROOT);
        if (cmd.contains("mimikatz")) ids.add("cmd");
        if (parentCommandLine.toLowerCase(java.util.Locale.ROOT).contains("rundll32")) ids.add("parent");
        if (cmd.endsWith(".ps1")) ids.add("tail");
        return ids.stream().sorted().toList();
    }

    private static List<String> ids(List<Detection> ds) {
        return ds.stream().map(Detection::id).sorted().toList();
    }

    /** A text of {@code length} characters over a small alphabet, holding a needle or not, at a random place. */
    private static String text(Random rnd, int length, String needle) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) b.append("ab \\.-x".charAt(rnd.nextInt(7)));
        if (needle != null) {
            int at = rnd.nextInt(Math.max(1, length - needle.length()));
            b.replace(at, at + needle.length(), rnd.nextBoolean() ? needle : needle.toUpperCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }

    @Test
    void recurringShortLongAndVeryLongTextsGiveTheAnswersOfFreshEvaluations() {
        Random rnd = new Random(11);
        String[] needles = {null, "mimikatz", "rundll32", ".ps1"};
        List<String> pool = new ArrayList<>();
        for (int length : new int[] {40, 256, 257, 1_000, 4_096, 4_097, 9_000}) { // both sides of each table's limit
            for (int k = 0; k < 40; k++) pool.add(text(rnd, length, needles[rnd.nextInt(needles.length)]));
        }
        try (EngineSession session = ENGINE.newSession()) {
            for (int i = 0; i < 6_000; i++) {
                String a = pool.get(rnd.nextInt(pool.size()));
                String b = pool.get(rnd.nextInt(pool.size()));
                if (rnd.nextBoolean()) a = new String(a.toCharArray()); // equal text, another object
                if (rnd.nextInt(4) == 0) b = a; // the text this event scans for one field, scanned for the other
                Event e = event(a, b);
                assertThat(ids(session.evaluate(e))).as("event %d", i).isEqualTo(expected(a, b));
            }
        }
    }

    @Test
    void aTextDifferingInOneCharacterIsScannedAgain() {
        Random rnd = new Random(3);
        try (EngineSession session = ENGINE.newSession()) {
            for (int length : new int[] {100, 300, 3_000}) {
                String with = text(rnd, length, null);
                with = with.substring(0, length - 4) + ".ps1";
                String without = with.substring(0, length - 1) + "2"; // same length, same hash table neighbourhood
                for (int round = 0; round < 3; round++) {
                    assertThat(ids(session.evaluate(event(with, "x")))).as("%d, with", length).containsExactly("tail");
                    assertThat(ids(session.evaluate(event(without, "x")))).as("%d, without", length).isEmpty();
                }
            }
        }
    }
}
