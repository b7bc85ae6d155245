package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.event.Normalizers;
import dev.edr.core.event.TestMappings;
import dev.edr.core.event.WindowsMapping;
import dev.edr.core.rule.LogSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Flattening plans change nothing: records of repeating shapes with changing values (header fields in the payload,
 * names with spaces beside their stripped form, nulls, nested and namespaced elements, {@code @} attributes, lists,
 * {@code Data} items, EventID as number, string or element) normalize to the same events with and without plans.
 */
class WindowsPlansTest {
    private static final WindowsMapping MAPPING = TestMappings.SMALL;

    @Test
    void plansGiveWhatFlatteningGives() {
        assertPlansGiveWhatFlatteningGives(42, r -> {
            assertThat(r.json()).isInstanceOf(FlatRecord.class); // read flat: filled from the leaves
            return r.json();
        });
    }

    /** The same for records given as maps (not read by the reader's fast path): plans of their maps. */
    @Test
    void plansOfMapsGiveWhatFlatteningGives() {
        assertPlansGiveWhatFlatteningGives(43, r -> {
            Map<String, Object> maps = FieldMap.copyOf(r.json());
            assertThat(maps).isInstanceOf(FieldMap.class).isEqualTo(r.json());
            return maps;
        });
    }

    /**
     * Normalizes 4,000 random records, each in the form {@code form} gives it, with and without plans: the same
     * events, and more than a third of them flattened by a plan.
     */
    private static void assertPlansGiveWhatFlatteningGives(long seed,
            java.util.function.Function<EventRecord, Map<String, Object>> form) {
        List<EventRecord> records = randomRecords(seed, 4000);
        WindowsNormalizer planned = new WindowsNormalizer(MAPPING, Normalizers.flat(LogSource.ANY), true);
        WindowsNormalizer plain = new WindowsNormalizer(MAPPING, Normalizers.flat(LogSource.ANY), false);
        int flattenedByPlan = 0;
        for (EventRecord r : records) {
            Map<String, Object> record = form.apply(r);
            if (planned.planned(record)) flattenedByPlan++;
            assertSameEvent(r, planned.normalize(record), plain.normalize(record));
        }
        assertThat(flattenedByPlan).as("records flattened by a plan").isGreaterThan(records.size() / 3);
    }

    /**
     * Plans of flat shapes are kept with the shapes, for every normalizer: two normalizers with different mappings
     * taking turns on the same records still route each by its own mapping.
     */
    @Test
    void normalizersShareShapePlansButNotRoutings() {
        List<EventRecord> records = randomRecords(11, 2000);
        WindowsMapping other = MAPPING.without(java.util.Set.of("sysmon"));
        WindowsNormalizer a = new WindowsNormalizer(MAPPING, Normalizers.flat(LogSource.ANY), true);
        WindowsNormalizer b = new WindowsNormalizer(other, Normalizers.flat(LogSource.ANY), true);
        WindowsNormalizer plainA = new WindowsNormalizer(MAPPING, Normalizers.flat(LogSource.ANY), false);
        WindowsNormalizer plainB = new WindowsNormalizer(other, Normalizers.flat(LogSource.ANY), false);
        int differentlyRouted = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (EventRecord r : records) {
                Event fromA = a.normalize(r.json());
                Event fromB = b.normalize(r.json());
                assertSameEvent(r, fromA, plainA.normalize(r.json()));
                assertSameEvent(r, fromB, plainB.normalize(r.json()));
                if (!fromA.services().equals(fromB.services())) differentlyRouted++;
            }
        }
        assertThat(differentlyRouted).as("records the two mappings route apart").isGreaterThan(records.size() / 10);
    }

    /** Threads sharing one normalizer make, replace and use its plans at once: every event still comes out right. */
    @Test
    void plansStayRightUnderThreads() throws Exception {
        List<EventRecord> records = randomRecords(7, 3000);
        WindowsNormalizer planned = new WindowsNormalizer(MAPPING, Normalizers.flat(LogSource.ANY), true);
        WindowsNormalizer plain = new WindowsNormalizer(MAPPING, Normalizers.flat(LogSource.ANY), false);
        List<Event> expected = records.stream().map(r -> plain.normalize(r.json())).toList();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 750;
                done.add(pool.submit(() -> {
                    for (int pass = 0; pass < 3; pass++) {
                        for (int i = 0; i < records.size(); i++) {
                            int k = (i + offset) % records.size();
                            assertSameEvent(records.get(k), planned.normalize(records.get(k).json()), expected.get(k));
                        }
                    }
                    return records.size();
                }));
            }
            for (java.util.concurrent.Future<Integer> f : done) assertThat(f.get()).isEqualTo(records.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code count} records of 60 random shapes, values drawn anew for each. */
    private static List<EventRecord> randomRecords(long seed, int count) {
        Random random = new Random(seed);
        List<IntFunction<String>> shapes = new ArrayList<>();
        for (int s = 0; s < 60; s++) shapes.add(shape(new Random(random.nextLong())));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(shapes.get(random.nextInt(shapes.size())).apply(random.nextInt())).append('\n');
        }
        return EventReader.create()
                .read(new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)), "t", issue -> {
                    throw new AssertionError(issue.headline());
                })
                .collect(Collectors.toList());
    }

    private static void assertSameEvent(EventRecord r, Event a, Event b) {
        String where = "line " + r.line() + ": " + r.json();
        assertThat(List.copyOf(a.fields().entrySet())).as(where).isEqualTo(List.copyOf(b.fields().entrySet()));
        assertThat(a.product()).as(where).isEqualTo(b.product());
        assertThat(a.services()).as(where).isEqualTo(b.services());
        assertThat(a.categories()).as(where).isEqualTo(b.categories());
        assertThat(a.time()).as(where).isEqualTo(b.time());
        assertThat(a.host()).as(where).isEqualTo(b.host());
    }

    /**
     * A name with spaces also fills its stripped form when that is absent or null: whether it is null is part of a
     * shape, so a plan made from one record never gives another record's stripped field the wrong value.
     */
    @Test
    void aNullStrippedNameTakesTheSpacedNamesValueInEveryRecord() {
        WindowsNormalizer planned = new WindowsNormalizer(MAPPING, Normalizers.flat(LogSource.ANY), true);
        int flattenedByPlan = 0;
        String system = "\"System\": {\"EventID\": 5, \"Channel\": \"Security\", \"Computer\": \"PC\"}";
        for (int round = 0; round < 6; round++) {
            for (String first : new String[] {"null", "\"y\""}) {
                String text = "{\"Event\": {" + system + ", \"EventData\": {\"ThreatName\": " + first
                        + ", \"Threat Name\": \"x" + round + "\"}}}";
                Map<String, Object> record = EventReader.create()
                        .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t", issue -> {
                            throw new AssertionError(issue.headline());
                        })
                        .findFirst().orElseThrow().json();
                if (planned.planned(record)) flattenedByPlan++;
                Event e = planned.normalize(record);
                assertThat(e.fields().get("ThreatName")).as(text).isEqualTo(first.equals("null") ? "x" + round : "y");
                assertThat(e.fields().get("Threat Name")).isEqualTo("x" + round);
            }
        }
        assertThat(flattenedByPlan).isGreaterThan(4);
    }

    /** A record shape: fixed names and kinds, values drawn from {@code seed} per record. */
    private static IntFunction<String> shape(Random r) {
        String channel = pick(r, "Microsoft-Windows-Sysmon/Operational", "Security", "Application", null);
        String provider = pick(r, "Microsoft-Windows-Sysmon", "Microsoft-Windows-Security-Auditing", "Other");
        int eventIdForm = r.nextInt(3);
        long eventId = pick(r, 1L, 12L, 4688L, 7L);
        boolean nested = r.nextBoolean();
        int fields = r.nextInt(20);
        List<String> names = new ArrayList<>();
        List<Integer> kinds = new ArrayList<>();
        String[] pool = {"Image", "CommandLine", "Threat Name", "ThreatName", "EventType", "Channel", "Computer",
            "EventID", "{urn:x}Scope", "User", "NewProcessName", "Hashes", "Name With  Spaces", " "};
        for (int i = 0; i < fields; i++) {
            String n = pool[r.nextInt(pool.length)];
            if (!names.contains(n)) {
                names.add(n);
                kinds.add(r.nextInt(25)); // 0 null, 1 number, 2 list, 3 element, 4 boolean, else text
            }
        }
        if (r.nextInt(4) == 0) { // Data items: lists and elements are named by their values (never planned)
            names.add("Data");
            kinds.add(pick(r, 2, 3, 0, 1, 5, 9)); // a leaf or null Data is just itself: planned
        }
        boolean userData = r.nextInt(4) == 0;
        boolean atAttributes = r.nextInt(5) == 0;
        return seed -> {
            Random v = new Random(seed);
            StringBuilder b = new StringBuilder("{\"Event\": {\"System\": {\"Provider\": {\"#attributes\": {\"Name\": \"")
                    .append(provider).append("\", \"Guid\": \"{").append(v.nextInt(3)).append("}\"}}, \"EventID\": ");
            long id = v.nextInt(8) == 0 ? eventId + 1 : eventId;
            b.append(switch (eventIdForm) {
                case 0 -> Long.toString(id);
                case 1 -> "\"" + id + "\"";
                default -> "{\"#attributes\": {\"Qualifiers\": \"\"}, \"#text\": " + id + "}";
            });
            b.append(", \"Level\": ").append(v.nextInt(3))
                    .append(", \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2019-08-14 14:06:")
                    .append(10 + v.nextInt(50)).append(".495674\"}}");
            if (nested) {
                b.append(", \"Execution\": {\"#attributes\": {\"ProcessID\": \"").append(v.nextInt(9))
                        .append("\", \"ThreadID\": ").append(v.nextInt(9)).append("}}");
            }
            if (atAttributes) {
                b.append(", \"Security\": {\"@UserID\": \"S-1-5-").append(v.nextInt(20)).append("\"}");
            }
            if (channel != null) {
                b.append(", \"Channel\": \"").append(channel).append('"');
            }
            b.append(", \"Computer\": \"PC").append(v.nextInt(3)).append("\"}, \"EventData\": {");
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) b.append(", ");
                b.append('"').append(names.get(i)).append("\": ").append(value(kinds.get(i), v));
            }
            b.append('}');
            if (userData) {
                b.append(", \"UserData\": {\"Log\": {\"#attributes\": {\"xmlns\": \"u\"}, \"Sub\": {\"Kind\": ")
                        .append(value(v.nextInt(2) + 4, v)).append(", \"#text\": ").append(value(5, v))
                        .append("}}}");
            }
            return b.append("}}").toString();
        };
    }

    private static String value(int kind, Random v) {
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Integer.toString(v.nextInt(5));
            case 2 -> "[\"a" + v.nextInt(3) + "\", {\"#text\": \"b\"}]";
            case 3 -> "{\"#attributes\": {\"Name\": \"n" + v.nextInt(3) + "\"}, \"#text\": \"t" + v.nextInt(3) + "\"}";
            case 4 -> v.nextBoolean() ? "true" : "false";
            default -> v.nextInt(40) == 0 ? "null" : "\"" + pick(v, "CreateKey", "x", "C:\\\\a b", "", "4688") + '"';
        };
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
