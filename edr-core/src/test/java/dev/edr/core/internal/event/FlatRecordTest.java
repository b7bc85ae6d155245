package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edr.core.event.EventReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records read flat: shapes shared by structure alone, trees equal to the maps the values describe. */
class FlatRecordTest {
    private static final EventReader.Limits L = EventReader.Limits.DEFAULTS;

    private static FlatRecord read(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> m = new PlainJson(L.maxDepth(), L.maxStringChars(), L.maxNumberChars(), L.maxFieldChars())
                .parse(b, 0, b.length);
        assertThat(m).isInstanceOf(FlatRecord.class);
        return (FlatRecord) m;
    }

    @Test
    void recordsOfOneStructureShareTheirShape() {
        FlatRecord a = read("{\"a\": {\"b\": \"x\", \"c\": 1}, \"d\": true}");
        FlatRecord b = read("{\"a\": {\"b\": \"other\", \"c\": 22}, \"d\": false}");
        assertThat(b.shape()).isSameAs(a.shape());
        assertThat(a.shape().leafCount).isEqualTo(3);
        assertThat(List.of(b.leaf(0), b.leaf(1), b.leaf(2))).containsExactly("other", 22L, false);
        assertThat(b).isEqualTo(Map.of("a", Map.of("b", "other", "c", 22L), "d", false));
    }

    @Test
    void sizesKindsAndNamesAllMakeTheShape() {
        FlatRecord base = read("{\"a\": {\"b\": 1}, \"c\": 2}");
        List<String> others = List.of(
                "{\"a\": {\"b\": 1, \"c\": 2}}", // the same names and kinds, other sizes
                "{\"a\": {\"b\": null}, \"c\": 2}", // a null instead of a leaf
                "{\"a\": {\"b\": [1]}, \"c\": 2}", // a list instead of a leaf
                "{\"a\": {\"B\": 1}, \"c\": 2}", // another name
                "{\"a\": {\"b\": 1}, \"c\": {}}"); // an object instead of a leaf
        for (String json : others) {
            FlatRecord r = read(json);
            assertThat(r.shape()).as(json).isNotSameAs(base.shape());
            assertThat(r).as(json).isNotEqualTo(base);
        }
        assertThat(read("{\"a\": {\"b\": 7}, \"c\": 8}").shape()).isSameAs(base.shape());
    }

    @Test
    void treesAreTheMapsOfTheValues() {
        FlatRecord r = read("{\"x\": [1, {\"y\": \"z\"}, null], \"e\": {}, \"n\": null, \"s\": \"t\"}");
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.get("x")).isEqualTo(java.util.Arrays.asList(1L, Map.of("y", "z"), null));
        assertThat(r.get("e")).isEqualTo(Map.of());
        assertThat(r.containsKey("n")).isTrue();
        assertThat(r.get("n")).isNull();
        assertThat(List.copyOf(r.keySet())).containsExactly("x", "e", "n", "s");
        assertThat(FieldMap.copyOf(r)).isSameAs(r.tree());
        assertThat(KeywordText.compute(r)).isSameAs(r.leafText());
    }

    @Test
    void repeatedNamesAreFoundAtEveryLevel() {
        byte[] b = "{\"a\": {\"k\": 1, \"k\": 2}}".getBytes(StandardCharsets.UTF_8);
        assertThat(new PlainJson(L.maxDepth(), L.maxStringChars(), L.maxNumberChars(), L.maxFieldChars())
                .parse(b, 0, b.length)).isNull(); // Jackson's path reports it
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 300; i++) many.append("\"n").append(i).append("\": ").append(i).append(", ");
        FlatRecord distinct = read(many + "\"last\": 0}");
        assertThat(distinct.size()).isEqualTo(301);
        b = (many + "\"n150\": 0}").getBytes(StandardCharsets.UTF_8);
        assertThat(new PlainJson(L.maxDepth(), L.maxStringChars(), L.maxNumberChars(), L.maxFieldChars())
                .parse(b, 0, b.length)).isNull();
    }
}
