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

    private static FieldMap map(List<String> keys, int salt) {
        FieldMap.Builder b = new FieldMap.Builder();
        for (int i = 0; i < keys.size(); i++) b.put(keys.get(i), salt + i);
        return b.build();
    }

    private static List<String> keys(String first, int count) {
        List<String> keys = new ArrayList<>(List.of(first));
        for (int i = 1; i < count; i++) keys.add("layoutKey" + i);
        return keys;
    }

    /** Maps with the same keys in the same order share their hashes and index; each keeps its own values. */
    @Test
    void sameKeysShareTheirLayout() {
        FieldMap a = map(keys("first", 20), 0);
        FieldMap b = map(keys(new String("first"), 20), 100); // equal keys, other instances
        assertThat(b.sharesLayoutWith(a)).isTrue();
        assertThat(a.get("layoutKey5")).isEqualTo(5);
        assertThat(b.get("layoutKey5")).isEqualTo(105);
        // another order is another layout
        List<String> reversed = new ArrayList<>(keys("first", 20));
        java.util.Collections.reverse(reversed);
        FieldMap c = map(reversed, 0);
        assertThat(c.sharesLayoutWith(a)).isFalse();
        assertThat(c.get("first")).isEqualTo(19);
        // small maps keep their own (a copy of a few hashes is cheaper than a lookup)
        assertThat(map(keys("first", 3), 0).sharesLayoutWith(map(keys("first", 3), 0))).isFalse();
    }

    /**
     * Keys with the same hash codes ({@code "Aa"} and {@code "BB"}) give the same hash sequence, so the same table
     * slot: the keys themselves decide, and neither map answers for the other's key.
     */
    @Test
    void equalHashesAreNotEqualLayouts() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        FieldMap aa = map(keys("Aa", 20), 0);
        FieldMap bb = map(keys("BB", 20), 0);
        assertThat(bb.sharesLayoutWith(aa)).isFalse();
        assertThat(aa.get("Aa")).isEqualTo(0);
        assertThat(aa.get("BB")).isNull();
        assertThat(bb.get("BB")).isEqualTo(0);
        assertThat(bb.get("Aa")).isNull();
        assertThat(map(keys("BB", 20), 7).get("BB")).isEqualTo(7);
    }

    /**
     * Many layouts replacing one another in the table, large maps that are never shared, and threads building maps
     * at once: every map answers for its own keys and values.
     */
    @Test
    void layoutsStayRightUnderChurnAndThreads() throws Exception {
        FieldMap big = map(keys("big", 100), 0);
        assertThat(big.get("layoutKey99")).isEqualTo(99);
        assertThat(big.sharesLayoutWith(map(keys("big", 100), 0))).isFalse();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    int checked = 0;
                    for (int round = 0; round < 5_000; round++) {
                        int count = 13 + random.nextInt(40);
                        List<String> keys = keys("t" + random.nextInt(3000), count);
                        FieldMap m = map(keys, round);
                        for (int i = 0; i < count; i++) {
                            assertThat(m.get(keys.get(i))).isEqualTo(round + i);
                            assertThat(m.keyAt(i)).isEqualTo(keys.get(i));
                        }
                        assertThat(m.get("absent")).isNull();
                        checked++;
                    }
                    return checked;
                }));
            }
            for (java.util.concurrent.Future<Integer> f : done) assertThat(f.get()).isEqualTo(5_000);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A builder filled from a map shares its hashes and index until it adds a key: a map built before that shares
     * them too, and setting values, adding a key, clearing or building again never writes into the template's
     * arrays.
     */
    @Test
    void aFilledBuilderSharesItsTemplateUntilItAddsAKey() {
        for (int count : new int[] {5, 20, 80}) { // no index, a shared layout, arrays of its own
            List<String> keys = keys("fill" + count, count);
            FieldMap.Builder names = new FieldMap.Builder();
            for (String k : keys) names.putNew(k, null); // a plan's template: names, no values
            FieldMap template = names.build();
            FieldMap.Builder b = new FieldMap.Builder();
            b.fill(template);
            for (int i = 0; i < count; i++) b.setAt(i, "v" + i);
            assertThat(b.get(keys.get(count - 1))).isEqualTo("v" + (count - 1));
            FieldMap same = b.build();
            assertThat(same.sharesLayoutWith(template)).isTrue();
            assertThat(List.copyOf(same.keySet())).isEqualTo(keys);
            assertThat(same.get(keys.get(count / 2))).isEqualTo("v" + count / 2);
            FieldMap none = b.build("text"); // emptied by the build: nothing of the template's layout is left
            assertThat(none.size()).isZero();
            assertThat(none.layoutToken()).isNull();
            b.putNew(keys.get(0), "later"); // the built map took the filled slots: the builder writes its own
            assertThat(b.build().get(keys.get(0))).isEqualTo("later");
            assertThat(same.get(keys.get(0))).isEqualTo("v0");
            assertThat(same.size()).isEqualTo(count);

            b.fill(template);
            b.putNew("extra", 1);
            FieldMap more = b.build();
            assertThat(more.get("extra")).isEqualTo(1);
            assertThat(more.get(keys.get(0))).isNull();
            assertThat(more.size()).isEqualTo(count + 1);

            b.fill(template);
            b.clear();
            for (int i = 0; i < count + 3; i++) b.putNew("other" + i, i);
            FieldMap other = b.build();
            b.fill(template);
            FieldMap again = b.build();
            for (FieldMap m : List.of(template, again)) {
                assertThat(m.size()).isEqualTo(count);
                assertThat(m.containsKey("extra")).isFalse();
                assertThat(m.containsKey("other1")).isFalse();
                for (int i = 0; i < count; i++) assertThat(m.indexOf(keys.get(i))).isEqualTo(i);
            }
            assertThat(template.get(keys.get(count - 1))).isNull(); // setAt wrote the builder's copy only
            assertThat(other.get("other" + (count + 2))).isEqualTo(count + 2);
        }
    }
}
