package dev.edr.core.internal.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map with string keys in insertion order, kept as one array of alternating keys and values. Event
 * records are small maps that are built once and then read by walking them: one array is a fraction of a
 * {@code LinkedHashMap}'s memory (no entry objects, no table) and a walk reads it sequentially instead of chasing
 * an entry per field. Lookups compare cached string hashes; maps with more than {@link #HASHED} keys also get an
 * open-addressing index, so hostile records with many keys do not make lookups quadratic. Null values are allowed;
 * null keys are not.
 */
public final class FieldMap extends AbstractMap<String, Object> {
    /** Above this many keys a lookup goes through the index. */
    static final int HASHED = 12;
    public static final FieldMap EMPTY = new FieldMap(new Object[0], new int[0], 0, null, null, null, null);
    /**
     * The value of a slot whose string is not made yet: it is leaf {@code leafIndex[i]} of the map's {@link #record}
     * (a {@link FlatRecord}, which keeps it as a span of its text). The string is made on first read, and the slot
     * then holds it; nothing outside this class and {@link FlatRecord} ever sees this marker. Events the Windows
     * normalizer fills from a record read flat keep their plain strings this way, so that the values no rule reads
     * are never made.
     */
    static final Object LAZY = new Object();

    /** {@code k0, v0, k1, v1, ...}. */
    private final Object[] slots;
    private final int size;
    /** The keys' hash codes, so that a lookup compares ints before it touches a key. */
    private final int[] hashes;
    /** Open-addressing table of key positions + 1 (0: empty); null for small maps. */
    private final int[] index;
    /** For a record the JSON reader parsed: its {@link KeywordText}, compact; null otherwise. */
    private final Object leafText;
    /** The record whose leaves {@link #LAZY} values are; null if none. */
    private final FlatRecord record;
    /** Per position, the leaf of {@link #record} a {@link #LAZY} value is (a plan's array, shared); null if none. */
    private final int[] leafIndex;
    private Set<Entry<String, Object>> entries;

    private FieldMap(Object[] slots, int[] hashes, int size, int[] index, Object leafText, FlatRecord record,
            int[] leafIndex) {
        this.slots = slots;
        this.hashes = hashes;
        this.size = size;
        this.index = index;
        this.leafText = leafText;
        this.record = record;
        this.leafIndex = leafIndex;
    }

    /**
     * The value at {@code i}, made now if it is {@link #LAZY} (and kept: a race writes equal strings, and a string
     * is immutable, so a thread that sees one sees it whole).
     */
    private static Object value(Object[] slots, int i, FlatRecord record, int[] leafIndex) {
        Object v = slots[2 * i + 1];
        if (v != LAZY) {
            return v;
        }
        Object s = record.leaf(leafIndex[i]);
        slots[2 * i + 1] = s;
        return s;
    }

    Object leafText() {
        return leafText;
    }

    /**
     * A copy of {@code m} (in its iteration order), or {@code m} itself when it is a FieldMap already (for a record
     * the reader read flat, its tree).
     */
    public static FieldMap copyOf(Map<String, ?> m) {
        if (m instanceof FieldMap f) {
            return f;
        }
        if (m instanceof FlatRecord r) {
            return r.tree();
        }
        if (m.isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder(m.size());
        for (Map.Entry<String, ?> e : m.entrySet()) {
            b.putNew(java.util.Objects.requireNonNull(e.getKey(), "null key"), e.getValue());
        }
        return b.build();
    }

    /**
     * A token for this map's keys, the same object for every map with the same keys in the same order while the
     * layout table keeps them ({@link Layout}); null for a map that does not share its layout. Callers may remember
     * what they derive from the keys by this token (holding it keeps it from being reused).
     */
    public Object layoutToken() {
        return hashes.length > HASHED && hashes.length <= Layout.MAX_KEYS ? hashes : null;
    }

    /** Whether this map and {@code other} share their key-dependent arrays ({@link Layout}); for tests. */
    boolean sharesLayoutWith(FieldMap other) {
        return hashes == other.hashes && index == other.index;
    }

    @Override
    public int size() {
        return size;
    }

    /** The key at position {@code i} (insertion order), {@code 0 <= i < size()}. */
    public String keyAt(int i) {
        return (String) slots[2 * i];
    }

    public Object valueAt(int i) {
        return value(slots, i, record, leafIndex);
    }

    /** The position of {@code key}, or -1. */
    public int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        return find(slots, hashes, size, index, k);
    }

    /** The position of {@code key} among the first {@code size} keys, through {@code index} when there is one. */
    private static int find(Object[] slots, int[] hashes, int size, int[] index, String key) {
        int h = key.hashCode();
        if (index == null) {
            for (int i = 0; i < size; i++) {
                if (hashes[i] == h && (slots[2 * i] == key || slots[2 * i].equals(key))) return i;
            }
            return -1;
        }
        int mask = index.length - 1;
        for (int p = spread(h) & mask; ; p = (p + 1) & mask) {
            int at = index[p] - 1;
            if (at < 0) return -1;
            if (hashes[at] == h && (slots[2 * at] == key || slots[2 * at].equals(key))) return at;
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : valueAt(i);
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept((String) slots[2 * i], valueAt(i));
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> e = entries;
        if (e == null) {
            e = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int i;

                        @Override
                        public boolean hasNext() {
                            return i < size;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (i >= size) throw new NoSuchElementException();
                            Entry<String, Object> en = new SimpleImmutableEntry<>(keyAt(i), valueAt(i));
                            i++;
                            return en;
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
            entries = e;
        }
        return e;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /**
     * What a map's keys alone decide, its keys' hash codes and its index, shared by the maps that have the same keys in
     * the same order: events of one kind repeat the same few dozen layouts (every Windows record's {@code System},
     * the {@code EventData} of each event id, the flattened event), so each map keeps only its keys and values, and
     * lookups in many maps read the same few cache lines. Remembered in a small direct-mapped table, JVM-wide,
     * written without locks: a layout's fields are final and its arrays are never written after it is made, so a
     * thread that sees a layout sees it whole, and a lost or replaced entry only costs arrays of the map's own.
     * Bounded: keys come from outside.
     */
    private static final class Layout {
        private static final Layout[] RECENT = new Layout[1024];
        /** Maps with more keys keep their own arrays. */
        private static final int MAX_KEYS = 64;

        final String[] keys;
        final int[] hashes;
        final int[] index;

        private Layout(String[] keys, int[] hashes, int[] index) {
            this.keys = keys;
            this.hashes = hashes;
            this.index = index;
        }

        /**
         * The layout of the first {@code size} keys of {@code slots} ({@code k0, v0, k1, ...}) with their hash codes
         * {@code hashes} and their {@code index}: a remembered one when its keys are equal, in order, else one made
         * from copies of these (the index is taken as it is); null for maps of more than {@link #MAX_KEYS} keys.
         */
        static Layout of(Object[] slots, int[] hashes, int size, int[] index) {
            if (size > MAX_KEYS) {
                return null;
            }
            int h = size;
            for (int i = 0; i < size; i++) h = h * 31 + hashes[i];
            int slot = (h ^ h >>> 16) & (RECENT.length - 1);
            Layout known = RECENT[slot];
            if (known != null && known.matches(slots, size)) {
                return known;
            }
            String[] keys = new String[size];
            for (int i = 0; i < size; i++) keys[i] = (String) slots[2 * i];
            Layout made = new Layout(keys, Arrays.copyOf(hashes, size), index);
            RECENT[slot] = made;
            return made;
        }

        private boolean matches(Object[] slots, int size) {
            if (keys.length != size) return false;
            for (int i = 0; i < size; i++) { // equal keys have equal hash codes: only the keys are compared
                Object k = slots[2 * i];
                if (keys[i] != k && !keys[i].equals(k)) return false;
            }
            return true;
        }
    }

    /**
     * Collects keys and values; reusable after {@link #build()}. Not thread-safe. A key put twice is a
     * {@linkplain #put duplicate}; {@link #putNew} skips that check for keys known to be distinct.
     */
    public static final class Builder {
        private Object[] slots;
        private int[] hashes;
        private int size;
        private int[] index;
        /** The map whose hashes and index this builder shares ({@link #fill}); null when they are its own. */
        private FieldMap sharedFrom;
        /** As a map's {@link FieldMap#record} and {@link FieldMap#leafIndex}, for {@link #setLazy}; null if none. */
        private FlatRecord record;
        private int[] leafIndex;

        public Builder() {
            this(8);
        }

        /** {@code expected} 0: no arrays until a key is added or the builder is {@linkplain #fill filled}. */
        public Builder(int expected) {
            slots = expected == 0 ? NO_SLOTS : new Object[2 * expected];
            hashes = expected == 0 ? NO_HASHES : new int[expected];
        }

        private static final Object[] NO_SLOTS = {};
        private static final int[] NO_HASHES = {};

        /**
         * {@link Map#putIfAbsent}: adds {@code key}, or sets it when present with a null value; false (and nothing
         * changed) when it holds a value already.
         */
        public boolean put(String key, Object value) {
            int i = position(key);
            if (i < 0) {
                putNew(key, value);
                return true;
            }
            if (slots[2 * i + 1] != null) {
                return false;
            }
            slots[2 * i + 1] = value;
            return true;
        }

        /** Replaces the value of a present key, or adds it at the end. */
        public void set(String key, Object value) {
            int i = position(key);
            if (i >= 0) {
                slots[2 * i + 1] = value;
            } else {
                putNew(key, value);
            }
        }

        public boolean containsKey(String key) {
            return position(key) >= 0;
        }

        /** The position of {@code key} so far, or -1. */
        int indexOf(String key) {
            return position(key);
        }

        /** Replaces the value at position {@code i} ({@link #indexOf}). */
        void setAt(int i, Object value) {
            slots[2 * i + 1] = value;
        }

        /**
         * The record and positions ({@code leafIndex}, never written) that {@link #setLazy} values come from: leaf
         * {@code leafIndex[i]} of {@code record} for position {@code i}; one of each per builder.
         */
        void lazyFrom(FlatRecord record, int[] leafIndex) {
            this.record = record;
            this.leafIndex = leafIndex;
        }

        /** Sets the value at position {@code i} to its leaf ({@link #lazyFrom}), a string made when first read. */
        void setLazy(int i) {
            slots[2 * i + 1] = LAZY;
        }

        /** The value at position {@code i}, {@code 0 <= i < size()}. */
        Object valueAt(int i) {
            return value(slots, i, record, leafIndex);
        }

        /**
         * Starts this (empty) builder with the keys and values of {@code template} (a plan's: values null), in its
         * order. The template's key hashes and index are shared, not copied, until a key is added
         * ({@link #growHashes}); a map built before that takes them as they are, and this builder's arrays too:
         * nothing is hashed, probed, looked up or copied again. A builder to fill is best made with no room
         * ({@code new Builder(0)}).
         */
        void fill(FieldMap template) {
            assert template.hashes.length == template.size; // what growHashes relies on
            slots = template.slots.clone(); // keys and values: a template's values are null
            record = null;
            leafIndex = null;
            hashes = template.hashes;
            index = template.index;
            size = template.size;
            sharedFrom = template;
        }

        /**
         * Room for one more hash, in arrays of this builder's own: {@link #fill} shares a map's hashes and index, and
         * a map's hashes are exactly as many as its keys, so a filled builder's first new key always comes here.
         */
        private void growHashes() {
            if (sharedFrom != null) {
                index = index == null ? null : index.clone();
                sharedFrom = null;
            }
            hashes = Arrays.copyOf(hashes, Math.max(1, 2 * hashes.length));
        }

        public Object get(String key) {
            int i = position(key);
            return i < 0 ? null : valueAt(i);
        }

        public int size() {
            return size;
        }

        /** Emptied ({@link #build} of a filled builder, {@link #clear}): its own hashes again, if it shared a map's. */
        private void ownAgain() {
            if (sharedFrom != null) {
                hashes = new int[Math.max(1, hashes.length)];
                sharedFrom = null;
            }
        }

        /** Adds a key the caller knows is not present. */
        public void putNew(String key, Object value) {
            if (2 * size == slots.length) {
                slots = Arrays.copyOf(slots, Math.max(2, slots.length * 2));
            }
            if (size == hashes.length) {
                growHashes();
            }
            hashes[size] = key.hashCode();
            slots[2 * size] = key;
            slots[2 * size + 1] = value;
            size++;
            if (index != null) {
                if (size * 2 > index.length) {
                    rehash(index.length * 2);
                } else {
                    insert(index, hashes[size - 1], size);
                }
            } else if (size > HASHED) {
                rehash(Integer.highestOneBit(size * 4));
            }
        }

        private int position(String key) {
            return find(slots, hashes, size, index, key);
        }

        private void rehash(int capacity) {
            index = new int[capacity];
            for (int i = 0; i < size; i++) insert(index, hashes[i], i + 1);
        }

        private static void insert(int[] table, int h, int at) {
            int mask = table.length - 1;
            int p = spread(h) & mask;
            while (table[p] != 0) p = (p + 1) & mask;
            table[p] = at;
        }

        /** Forgets everything put so far. */
        public void clear() {
            if (size > 0) {
                Arrays.fill(slots, 0, 2 * size, null);
                size = 0;
            }
            index = null;
            record = null;
            leafIndex = null;
            ownAgain();
        }

        /** The map so far; the builder is empty afterwards and may be reused. */
        public FieldMap build() {
            return build(null);
        }

        FieldMap build(Object leafText) {
            if (size == 0 && leafText == null) {
                return EMPTY;
            }
            FlatRecord record = this.record;
            int[] leafIndex = this.leafIndex;
            this.record = null;
            this.leafIndex = null;
            if (sharedFrom != null) { // filled, and no key added since: the template's hashes and index, the slots
                // a fill's slots are exactly 2 * size
                FieldMap m = new FieldMap(slots, hashes, size, index, leafText, record, leafIndex);
                slots = new Object[2]; // the map has the filled ones
                size = 0;
                index = null;
                ownAgain();
                return m;
            }
            // the key-dependent arrays are shared with earlier maps of the same keys when the table has them;
            // otherwise the index goes with the map (it fits: at most half full) and the builder starts afresh
            Layout layout = size > HASHED ? Layout.of(slots, hashes, size, index) : null; // a few hashes: copied
            FieldMap m = layout != null
                    ? new FieldMap(Arrays.copyOf(slots, 2 * size), layout.hashes, size, layout.index, leafText, record,
                            leafIndex)
                    : new FieldMap(Arrays.copyOf(slots, 2 * size), Arrays.copyOf(hashes, size), size, index,
                            leafText, record, leafIndex);
            Arrays.fill(slots, 0, 2 * size, null);
            size = 0;
            index = null;
            return m;
        }
    }
}
