package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowsFieldsTest {
    /** The class-test shortcuts answer as {@code instanceof Map / List} for every kind of value. */
    @Test
    void mapAndListTestsAgreeWithInstanceof() {
        FieldMap.Builder b = new FieldMap.Builder();
        b.putNew("k", "v");
        List<Object> values = new ArrayList<>(List.of("s", "", 1L, 2.5, new BigInteger("1"), new BigDecimal("1.5"),
                true, b.build(), FieldMap.EMPTY, new LinkedHashMap<>(), Map.of("a", 1),
                Collections.unmodifiableList(new ArrayList<>(List.of(1))), List.of(), new ArrayList<>(), 'c',
                new Object()));
        values.add(null);
        for (Object v : values) {
            assertThat(WindowsFields.isMap(v)).as("isMap %s", v).isEqualTo(v instanceof Map);
            assertThat(WindowsFields.isList(v)).as("isList %s", v).isEqualTo(v instanceof List);
            if (v != null && WindowsFields.isLeaf(v)) {
                assertThat(v).isNotInstanceOfAny(Map.class, List.class);
            }
        }
        assertThat(WindowsFields.isLeaf("s")).isTrue();
        assertThat(WindowsFields.isLeaf(null)).isTrue();
    }

    @Test
    void eventIdKeepsTheRecordsLong() {
        Long id = 4688L;
        assertThat(WindowsFields.eventId(id)).isSameAs(id);
        assertThat(WindowsFields.eventId(Map.of("#text", " 4688 "))).isEqualTo(4688L);
        assertThat(WindowsFields.eventId(7)).isEqualTo(7L);
        assertThat(WindowsFields.eventId("12a")).isNull();
    }

    /**
     * {@code Element_Attribute} names come out right however many distinct pairs a stream has: the table that shares
     * them is small and pairs replace one another in it, which must never change a name.
     */
    @Test
    void joinedNamesStayRightPastTheTable() {
        for (int round = 0; round < 2; round++) {
            FieldMap.Builder system = new FieldMap.Builder();
            for (int k = 0; k < 3000; k++) {
                FieldMap.Builder attrs = new FieldMap.Builder();
                attrs.putNew("A" + (k % 7), k);
                FieldMap.Builder element = new FieldMap.Builder();
                element.putNew("#attributes", attrs.build());
                system.putNew("E" + k, element.build());
            }
            FieldMap.Builder out = new FieldMap.Builder();
            new WindowsFields(out).system(system.build());
            FieldMap flat = out.build();
            assertThat(flat.size()).isEqualTo(3000);
            for (int k = 0; k < 3000; k++) {
                assertThat(flat.keyAt(k)).isEqualTo("E" + k + "_A" + (k % 7));
                assertThat(flat.valueAt(k)).isEqualTo(k);
            }
        }
        // a long pair is not kept, and still joined
        FieldMap.Builder attrs = new FieldMap.Builder();
        attrs.putNew("a".repeat(100), 1);
        FieldMap.Builder element = new FieldMap.Builder();
        element.putNew("#attributes", attrs.build());
        FieldMap.Builder system = new FieldMap.Builder();
        system.putNew("e".repeat(100), element.build());
        FieldMap.Builder out = new FieldMap.Builder();
        new WindowsFields(out).system(system.build());
        assertThat(out.build().keyAt(0)).isEqualTo("e".repeat(100) + "_" + "a".repeat(100));
    }
}
