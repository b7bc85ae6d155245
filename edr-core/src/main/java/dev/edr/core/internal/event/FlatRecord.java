package dev.edr.core.internal.event;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A record as the reader's fast path ({@link PlainJson}) read it: its {@link Shape} (every object's size and names,
 * depth first, and what kind of value each name holds) and its leaves in document order, instead of a tree of maps.
 * The Windows normalizer flattens a record of a shape it has a plan for straight from the leaves; anything else
 * reads the record as the map it is, built from the two on first use ({@link #tree}) and equal to the tree of
 * {@link FieldMap}s the reader built before (a differential test holds both to Jackson's path). Unmodifiable.
 *
 * <p>The tree is built at most once per thread that asks before another's result is seen: a {@link FieldMap}'s
 * fields are final, so a thread that sees it sees it whole, as with {@link String}'s hash.
 */
final class FlatRecord extends AbstractMap<String, Object> {
    private final Shape shape;
    /** The leaves ({@link Shape#LEAF} and {@link Shape#LIST} values), in document order. */
    private final Object[] leaves;
    /** The record's {@link KeywordText}, compact. */
    private final Object leafText;
    private FieldMap tree;

    FlatRecord(Shape shape, Object[] leaves, Object leafText) {
        this.shape = shape;
        this.leaves = leaves;
        this.leafText = leafText;
    }

    Shape shape() {
        return shape;
    }

    /** The leaf at document position {@code i}; for plans, which know the positions from the shape. */
    Object leaf(int i) {
        return leaves[i];
    }

    Object[] leaves() {
        return leaves;
    }

    Object leafText() {
        return leafText;
    }

    /** The record as maps: the root's {@link FieldMap#leafText()} is the record's text. */
    FieldMap tree() {
        FieldMap t = tree;
        if (t == null) {
            t = shape.build(leaves, leafText);
            tree = t;
        }
        return t;
    }

    @Override
    public int size() {
        return shape.sizes[0];
    }

    @Override
    public boolean isEmpty() {
        return shape.sizes[0] == 0;
    }

    @Override
    public Object get(Object key) {
        return tree().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return tree().containsKey(key);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        tree().forEach(action);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return tree().entrySet();
    }

    /**
     * The structure of a record without its values: per object (depth first, the root first) its size; per name, in
     * document order, the name and the kind of its value ({@link #MAP}: an object, whose own entries follow at once;
     * {@link #LEAF}: a string, number or boolean; {@link #NULL}; {@link #LIST}: an array, kept whole as a leaf).
     * Immutable. Shapes are shared JVM-wide ({@link #intern}), so that the records of one shape carry the same
     * instance and what is derived from a shape can be remembered by identity.
     */
    static final class Shape {
        static final byte LEAF = 0;
        static final byte NULL = 1;
        static final byte MAP = 2;
        static final byte LIST = 3;
        /** Shapes with more names than this are not shared (real records have a few dozen). */
        static final int MAX_SHARED_KEYS = 512;
        private static final Shape[] SHAPES = new Shape[2048];

        final int[] sizes;
        final String[] keys;
        final byte[] kinds;
        final int leafCount;
        final int hash;
        /** Whether some value is an array ({@link #LIST}). */
        final boolean hasLists;

        private Shape(int[] sizes, String[] keys, byte[] kinds, int leafCount, int hash) {
            this.sizes = sizes;
            this.keys = keys;
            this.kinds = kinds;
            this.leafCount = leafCount;
            this.hash = hash;
            boolean lists = false;
            for (byte k : kinds) lists |= k == LIST;
            this.hasLists = lists;
        }

        /**
         * The shape of {@code sizes[0, sizeCount)}, {@code keys} and {@code kinds[0, keyCount)} ({@code hash} a
         * digest of all three): a shared one when the table holds an equal shape, else one made from copies of
         * these. The table is direct-mapped with two ways and written without locks: a shape's fields are final
         * and its arrays never written after it is made, so a thread that sees one sees it whole, and a lost or
         * replaced entry only costs a shape of the record's own. Bounded: names come from outside.
         */
        static Shape intern(int[] sizes, int sizeCount, String[] keys, byte[] kinds, int keyCount, int leafCount,
                int hash) {
            if (keyCount > MAX_SHARED_KEYS) {
                return new Shape(Arrays.copyOf(sizes, sizeCount), Arrays.copyOf(keys, keyCount),
                        Arrays.copyOf(kinds, keyCount), leafCount, hash);
            }
            int slot = ((hash ^ hash >>> 15) * 0x9E3779B9 >>> 21) & ~1; // 2,048 slots: sets of two
            Shape first = SHAPES[slot];
            if (first != null && first.is(sizes, sizeCount, keys, kinds, keyCount, hash)) return first;
            Shape second = SHAPES[slot + 1];
            if (second != null && second.is(sizes, sizeCount, keys, kinds, keyCount, hash)) return second;
            Shape made = new Shape(Arrays.copyOf(sizes, sizeCount), Arrays.copyOf(keys, keyCount),
                    Arrays.copyOf(kinds, keyCount), leafCount, hash);
            if (first != null) SHAPES[slot + 1] = first;
            SHAPES[slot] = made;
            return made;
        }

        private boolean is(int[] sizes, int sizeCount, String[] keys, byte[] kinds, int keyCount, int hash) {
            if (this.hash != hash || this.sizes.length != sizeCount || this.keys.length != keyCount) return false;
            for (int i = 0; i < sizeCount; i++) {
                if (this.sizes[i] != sizes[i]) return false;
            }
            for (int i = 0; i < keyCount; i++) {
                String k = this.keys[i];
                if (this.kinds[i] != kinds[i] || k != keys[i] && !k.equals(keys[i])) return false;
            }
            return true;
        }

        /** The record of this shape with these leaves as maps; the root's text is {@code leafText}. */
        FieldMap build(Object[] leaves, Object leafText) {
            int[] at = new int[3]; // object, name, leaf cursors
            return build(leaves, at, leafText);
        }

        private FieldMap build(Object[] leaves, int[] at, Object leafText) {
            int n = sizes[at[0]++];
            FieldMap.Builder b = new FieldMap.Builder(n);
            for (int i = 0; i < n; i++) {
                int k = at[1]++;
                Object v = switch (kinds[k]) {
                    case MAP -> build(leaves, at, null);
                    case NULL -> null;
                    default -> leaves[at[2]++];
                };
                b.putNew(keys[k], v);
            }
            return b.build(leafText);
        }
    }
}
