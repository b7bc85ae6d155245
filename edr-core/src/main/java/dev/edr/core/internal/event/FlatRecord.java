package dev.edr.core.internal.event;

import java.nio.charset.StandardCharsets;
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
    /**
     * The leaves ({@link Shape#LEAF} and {@link Shape#LIST} values), in document order; a plain string may be
     * {@link FieldMap#LAZY}, its span of {@link #leafText} in {@link #spans}, until it is read.
     */
    private final Object[] leaves;
    /** Per leaf, the span of a {@link FieldMap#LAZY} one; null when there are none. */
    private final long[] spans;
    /** The record's {@link KeywordText}, compact. */
    private final Object leafText;
    private FieldMap tree;

    FlatRecord(Shape shape, Object[] leaves, long[] spans, Object leafText) {
        this.shape = shape;
        this.leaves = leaves;
        this.spans = spans;
        this.leafText = leafText;
    }

    Shape shape() {
        return shape;
    }

    /** The leaf at document position {@code i}, its string made if it was {@link FieldMap#LAZY}. */
    Object leaf(int i) {
        Object v = leaves[i];
        if (v != FieldMap.LAZY) {
            return v;
        }
        int from = (int) (spans[i] >>> 32);
        int length = (int) spans[i];
        String s = leafText instanceof byte[] b ? new String(b, from, length, StandardCharsets.ISO_8859_1)
                : ((String) leafText).substring(from, from + length);
        leaves[i] = s; // as FieldMap keeps a made value: equal strings in a race, each seen whole
        return s;
    }

    /**
     * Fills {@code out} (filled with a plan's template) from these leaves: position {@code k} takes leaf
     * {@code source[k]} (none where it is negative), a {@link FieldMap#LAZY} one as it is, so that the event's
     * strings are made only when read.
     */
    void copyLeaves(int[] source, FieldMap.Builder out) {
        out.lazyFrom(this, source);
        for (int k = 0; k < source.length; k++) {
            int i = source[k];
            if (i < 0) continue;
            Object v = leaves[i];
            if (v == FieldMap.LAZY) {
                out.setLazy(k);
            } else {
                out.setAt(k, v);
            }
        }
    }

    Object leafText() {
        return leafText;
    }

    /** The record as maps: the root's {@link FieldMap#leafText()} is the record's text. */
    FieldMap tree() {
        FieldMap t = tree;
        if (t == null) {
            if (spans != null) {
                for (int i = 0; i < leaves.length; i++) leaf(i);
            }
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
     * Immutable but for what the Windows normalizer remembers with it ({@link #windowsPlan}, {@link #seen}). Shapes
     * are shared JVM-wide ({@link #intern}), so that the records of one shape carry the same instance and what is
     * derived from a shape can be remembered by identity.
     */
    static final class Shape {
        static final byte LEAF = 0;
        static final byte NULL = 1;
        static final byte MAP = 2;
        static final byte LIST = 3;
        /** Shapes with more names than this are not shared (real records have a few dozen). */
        static final int MAX_SHARED_KEYS = 512;
        private static final int WAYS = 4;
        private static final Shape[] SHAPES = new Shape[512 * WAYS];

        final int[] sizes;
        final String[] keys;
        final byte[] kinds;
        final int leafCount;
        final int hash;
        /** Whether some value is an array ({@link #LIST}). */
        final boolean hasLists;
        /**
         * The Windows normalizer's flattening plan of this shape ({@code WindowsPlans.Plan}), which depends on the
         * shape alone, so that every normalizer finds it here; null until made. Written without locks: a plan's
         * fields are final, so a thread that sees one sees it whole, and a race makes equal plans.
         */
        Object windowsPlan;
        /** Whether a record of this shape was seen by the Windows normalizer (its plan is made on the second). */
        boolean seen;

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
         * these. The table is set-associative, four ways per set, the newest first, and written without locks: a
         * shape's fields are final and its arrays never written after it is made, so a thread that sees one sees it
         * whole, and a lost or replaced entry only costs a shape of the record's own. Bounded: names come from
         * outside.
         */
        static Shape intern(int[] sizes, int sizeCount, String[] keys, byte[] kinds, int keyCount, int leafCount,
                int hash) {
            if (keyCount > MAX_SHARED_KEYS) {
                return new Shape(Arrays.copyOf(sizes, sizeCount), Arrays.copyOf(keys, keyCount),
                        Arrays.copyOf(kinds, keyCount), leafCount, hash);
            }
            int set = ((hash ^ hash >>> 15) * 0x9E3779B9 >>> 23) << 2; // 512 sets of four
            for (int way = 0; way < WAYS; way++) {
                Shape known = SHAPES[set + way];
                if (known == null) break;
                if (known.is(sizes, sizeCount, keys, kinds, keyCount, hash)) return known;
            }
            Shape made = new Shape(Arrays.copyOf(sizes, sizeCount), Arrays.copyOf(keys, keyCount),
                    Arrays.copyOf(kinds, keyCount), leafCount, hash);
            System.arraycopy(SHAPES, set, SHAPES, set + 1, WAYS - 1); // the oldest goes
            SHAPES[set] = made;
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
