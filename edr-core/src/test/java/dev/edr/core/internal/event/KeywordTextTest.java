package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.Event;
import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import dev.edr.core.internal.match.FieldView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywordTextTest {
    @Test
    void everyStringAndNumberInRecordOrder() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", List.of("x", 2L, true));
        nested.put("c", 1.50);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("a", "Mimikatz");
        record.put("n", nested);
        record.put("z", null);
        assertThat(text(record)).isEqualTo("Mimikatz\nx\n2\n1.5");
        assertThat(textOf(Event.builder().fields(Map.of("k", "v")).original(record).build()))
                .isEqualTo("Mimikatz\nx\n2\n1.5");
    }

    /** The reader records the text while parsing; it must be what a walk of the parsed record gives. */
    @Test
    void readerTextEqualsTheWalk() {
        String json = "{\"Event\":{\"System\":{\"EventID\":{\"#text\":4688},\"Channel\":\"Security\"},"
                + "\"EventData\":{\"CommandLine\":\"cmd /c \\\"whoami\\\"\",\"Big\":123456789012345678901234567890,"
                + "\"F\":1e2,\"List\":[\"a\",[\"b\",{\"c\":\"d\"}],null,false]}}}\n{\"flat\":\"é\",\"n\":-0.0}\n";
        List<EventRecord> records = new ArrayList<>();
        try (var s = EventReader.create().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t",
                issue -> { throw new AssertionError(issue.toString()); })) {
            s.forEach(records::add);
        }
        assertThat(records).hasSize(2);
        for (EventRecord r : records) {
            String fromReader = text(r.json());
            String walked = text(deepCopy(r.json()));
            assertThat(fromReader).isEqualTo(walked).isNotEmpty();
        }
        assertThat(text(records.get(0).json())).contains("cmd /c \"whoami\"", "4688", "100")
                .contains("123456789012345678901234567890").doesNotContain("false");
    }

    /** Integers are appended to the reader's text as numbers; they must read as the walk writes them. */
    @Test
    void readerWritesIntegersAsTheWalkDoes() {
        String json = "{\"a\":-0,\"b\":0,\"c\":-42,\"d\":9223372036854775807,\"e\":-9223372036854775808,"
                + "\"f\":9223372036854775808,\"g\":[7,\"x\",-1]}\n{\"only\":4688}\n";
        List<EventRecord> records = new ArrayList<>();
        try (var s = EventReader.create().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t",
                issue -> { throw new AssertionError(issue.toString()); })) {
            s.forEach(records::add);
        }
        assertThat(records).hasSize(2);
        assertThat(text(records.get(0).json()))
                .isEqualTo(text(deepCopy(records.get(0).json())))
                .isEqualTo("0\n0\n-42\n9223372036854775807\n-9223372036854775808\n9223372036854775808\n7\nx\n-1");
        assertThat(records.get(0).json().get("a")).isEqualTo(0L);
        assertThat(records.get(0).json().get("f")).isEqualTo(new java.math.BigInteger("9223372036854775808"));
        assertThat(text(records.get(1).json())).isEqualTo("4688");
    }

    @Test
    void recordsBeyondTheNodeBudgetHaveNoText() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i <= FieldView.MAX_NODES; i++) many.add("v");
        assertThat(text(Map.of("many", many))).isNull();
    }

    /**
     * The compact form: bytes for Latin-1 text (accents and all, up to U+00FF), the string itself once any other
     * character occurs, including those that lower-case to Latin-1 (the Kelvin sign) and surrogate pairs.
     */
    @Test
    void latin1TextIsKeptAsBytes() {
        assertThat(KeywordText.compact("Mimikatz é\u00ff\n1")).isInstanceOf(byte[].class)
                .isEqualTo("Mimikatz é\u00ff\n1".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(KeywordText.compact("")).isEqualTo(new byte[0]);
        for (String other : List.of("\u212Aerberos::golden", "a\u0100", "İ", "x\uD83D\uDE00y", "?\u0101?")) {
            assertThat(KeywordText.compact(other)).isSameAs(other);
        }
        String json = "{\"a\":\"sekurlsa::\u00e9\"}\n{\"a\":\"\u212Aerberos::golden\"}\n";
        List<EventRecord> records = new ArrayList<>();
        try (var s = EventReader.create().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t",
                issue -> { throw new AssertionError(issue.toString()); })) {
            s.forEach(records::add);
        }
        assertThat(KeywordText.compute(records.get(0).json())).isInstanceOf(byte[].class);
        assertThat(text(records.get(0).json())).isEqualTo("sekurlsa::é");
        assertThat(KeywordText.compute(records.get(1).json())).isEqualTo("\u212Aerberos::golden");
        assertThat(KeywordText.asString(null)).isNull();
    }

    private static String text(Object original) {
        return KeywordText.asString(KeywordText.compute(original));
    }

    private static String textOf(Event event) {
        return KeywordText.asString(KeywordText.of(event));
    }

    private static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, deepCopy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deepCopy(x)));
            return out;
        }
        return v;
    }
}
