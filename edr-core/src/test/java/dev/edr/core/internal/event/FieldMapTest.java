package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldMapTest {
    /** Behaves as an unmodifiable LinkedHashMap with the same puts, small (linear lookups) and large (hashed). */
    @Test
    void actsLikeAnInsertionOrderedMap() {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            int keys = random.nextInt(40);
            LinkedHashMap<String, Object> expected = new LinkedHashMap<>();
            FieldMap.Builder b = new FieldMap.Builder(2);
            for (int i = 0; i < keys * 2; i++) {
                String k = "k" + random.nextInt(keys + 1) + (random.nextBoolean() ? "" : "X");
                Object v = random.nextInt(5) == 0 ? null : i;
                switch (random.nextInt(3)) {
                    case 0 -> {
                        boolean absentOrNull = expected.get(k) == null;
                        expected.putIfAbsent(k, v);
                        assertThat(b.put(k, v)).isEqualTo(absentOrNull);
                    }
                    case 1 -> {
                        b.set(k, v);
                        expected.put(k, v);
                    }
                    default -> assertThat(b.containsKey(k)).isEqualTo(expected.containsKey(k));
                }
            }
            FieldMap m = b.build();
            assertThat(m).isEqualTo(expected);
            assertThat(new ArrayList<>(m.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
            assertThat(new ArrayList<>(m.values())).isEqualTo(new ArrayList<>(expected.values()));
            assertThat(m.hashCode()).isEqualTo(expected.hashCode());
            for (int i = 0; i <= keys; i++) {
                assertThat(m.get("k" + i)).isEqualTo(expected.get("k" + i));
                assertThat(m.containsKey("k" + i + "X")).isEqualTo(expected.containsKey("k" + i + "X"));
            }
            assertThat(m.get(42)).isNull();
            assertThat(b.build()).isEmpty(); // the builder starts over
        }
    }

    @Test
    void isImmutableAndCopiesPreserveOrder() {
        LinkedHashMap<String, Object> source = new LinkedHashMap<>();
        for (int i = 20; i > 0; i--) source.put("f" + i, i);
        FieldMap m = FieldMap.copyOf(source);
        assertThat(new ArrayList<>(m.keySet())).isEqualTo(new ArrayList<>(source.keySet()));
        assertThat(FieldMap.copyOf(m)).isSameAs(m);
        assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        List<String> seen = new ArrayList<>();
        m.forEach((k, v) -> seen.add(k + "=" + v));
        assertThat(seen).first().isEqualTo("f20=20");
    }
}
