package dev.edr.core.internal.event;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Flattening plans: what {@link WindowsFields} makes of a record's {@code System} and payload sections depends on
 * their shape (the names in each map, in order, and which values are maps, leaves or null), not on the leaves'
 * values, except for the {@code EventID} conversion and {@code Data} items named by a value (such shapes get no
 * plan). A stream repeats a few dozen shapes, so the first records of a shape are flattened as usual and the result
 * is remembered as a plan: the output names (with their hashes and index, in a template map) and, per output, which
 * leaf of the walk supplies its value. A record of the same shape is then one walk that checks the shape and
 * gathers the leaves, and a builder started from a clone of the template: no per-field lookups, attribute joins or
 * header tests.
 *
 * <p>A plan is made by flattening a copy of the record's sections whose leaves are distinct markers, so that each
 * output value names its leaf whatever the values are (equal values in two leaves, small cached numbers). Plans are
 * kept in a small two-way table, made on a shape's second miss (shapes seen once, or hostile input that invents
 * them, cost no plan), and written without locks: a plan's fields are final, so a thread sees it whole.
 */
final class WindowsPlans {
    /** The sections flattened, in order: {@code System}, then the payloads. */
    private final List<String> payloads;
    private static final int SET_BITS = 8;
    private static final int SETS = 1 << SET_BITS;
    private final Plan[] plans = new Plan[2 * SETS];
    /** Per set, the hash of the last shape it missed: a plan is made on the second miss. */
    private final long[] missed = new long[SETS];
    /** Shapes with more leaves or more maps than this get no plan (records are a few dozen fields). */
    private static final int MAX_LEAVES = 256;
    /** Nor shapes with more names in all. */
    private static final int MAX_KEYS = 512;
    /** Nor shapes nested deeper (records nest about five levels). */
    private static final int MAX_DEPTH = 32;

    private static final byte LEAF = 0;
    private static final byte NULL = 1;
    private static final byte MAP = 2;

    WindowsPlans(List<String> payloads) {
        this.payloads = payloads;
    }

    /**
     * Fills {@code out} (empty) as {@link WindowsFields#system} and {@link WindowsFields#payload} of each section
     * would, when a plan for this shape is known, and returns it; returns a plan that does not {@linkplain
     * Plan#fills fill} (and leaves {@code out} untouched) for a shape known to have none; null for a shape not
     * known yet (the caller flattens the record and reports it {@link #missed}).
     */
    Plan apply(FieldMap system, Map<?, ?> event, FieldMap.Builder out) {
        Object[] sections = sections(event);
        long hash = shapeHash(system, sections);
        int set = set(hash);
        for (int way = 0; way < 2; way++) {
            Plan p = plans[2 * set + way];
            if (p != null && p.hash == hash && (!p.fills() || p.fill(system, sections, out))) {
                return p; // filled, or known to have no plan
            }
        }
        return null;
    }

    /**
     * After a record was flattened without a plan ({@link #apply} gave null): remembers one for its shape on the
     * shape's second miss, or that it has none (records whose flattening depends on values: a {@code Data} list).
     */
    void missed(FieldMap system, Map<?, ?> event) {
        Object[] sections = sections(event);
        long hash = shapeHash(system, sections);
        int set = set(hash);
        if (missed[set] != hash) {
            missed[set] = hash;
            return;
        }
        Plan p = Plan.of(hash, system, sections);
        plans[2 * set + 1] = plans[2 * set];
        plans[2 * set] = p != null ? p : Plan.none(hash);
        missed[set] = 0;
    }

    /**
     * For a record read flat: fills {@code out} (empty) as {@link #apply} would from its leaves, with no walk at
     * all, when its shape has a plan, and returns the plan; returns a plan that does not {@linkplain Plan#fills
     * fill} for a shape known to have none (not a Windows record, a {@code Data} list, an array, a flattening that
     * depends on values); null for a shape not planned yet (the caller takes the record's maps). A shape's plan is
     * made on its second sight (the first costs nothing: hostile input that invents shapes costs no plans) and kept
     * with the shape ({@link FlatRecord.Shape#windowsPlan}): shapes are shared JVM-wide, and a plan depends on
     * nothing but the shape and the payload sections, the same for every normalizer.
     */
    Plan flat(FlatRecord record, FieldMap.Builder out) {
        FlatRecord.Shape shape = record.shape();
        Object known = shape.windowsPlan;
        if (known instanceof Plan p) {
            if (p.payloads != payloads) return null; // another list of sections: not this plan
            if (p.fills()) p.fillFrom(record, out);
            return p;
        }
        if (!shape.seen) {
            shape.seen = true;
            return null;
        }
        Plan p = Plan.ofShape(shape, payloads);
        shape.windowsPlan = p;
        if (p.fills()) p.fillFrom(record, out);
        return p;
    }

    /** Whether records of this flat shape are filled by a plan now; for tests. */
    boolean flatPlanned(FlatRecord.Shape shape) {
        return shape.windowsPlan instanceof Plan p && p.payloads == payloads && p.fills();
    }

    private static int set(long hash) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> (64 - SET_BITS));
    }

    /** The payload sections of the record's event element, in {@link #payloads} order (null where absent). */
    private Object[] sections(Map<?, ?> event) {
        Object[] sections = new Object[payloads.size()];
        for (int i = 0; i < sections.length; i++) sections[i] = event.get(payloads.get(i));
        return sections;
    }

    /** A cheap digest of the sections' outer shape (sizes, first and last names); a plan checks the whole shape. */
    private static long shapeHash(FieldMap system, Object[] sections) {
        long h = mapHash(system);
        for (Object s : sections) {
            h = h * 0x9E3779B97F4A7C15L + (s instanceof FieldMap f ? mapHash(f) : s == null ? 1 : 2);
        }
        return h;
    }

    private static long mapHash(FieldMap m) {
        int n = m.size();
        return n == 0 ? 3 : (long) n << 40 ^ (long) m.keyAt(0).hashCode() << 8 ^ m.keyAt(n - 1).hashCode();
    }

    /** One shape's plan. Immutable, but for a memo of its last routing ({@link #routing}). */
    static final class Plan {
        final long hash;
        /** For a plan of a flat shape, the payload sections it was made for; null for a plan of maps. */
        final List<String> payloads;
        /** The shape, depth-first from {@code System}, then each payload section: per map its size, then per key. */
        private final int[] sizes;
        private final String[] keys;
        private final byte[] kinds;
        /** Per payload section: whether it is a map with a shape here (else it is absent or not a map). */
        private final boolean[] sectionMaps;
        /** The output: names, hashes and index as a template (values null); per output its leaf, -1 for null. */
        private final FieldMap template;
        private final int[] source;
        /**
         * Output positions of the header as {@code System} alone gives it (-1 where it has none): {@code EventID}
         * (converted as {@link WindowsFields#system} does), {@code Channel} and {@code Provider_Name}. The payload
         * never changes a header field that is there, so these read the header as it was before the payload.
         */
        private final int eventId;
        private final int channel;
        private final int provider;
        /**
         * Output positions of {@code TimeCreated_SystemTime} and {@code Computer} after the payload too (-1 where
         * the output has none): header fields, which the payload never changes, and whose positions no later
         * addition moves.
         */
        final int timeAt;
        final int hostAt;
        private final int leafCount;

        private Plan(long hash, List<String> payloads, int[] sizes, String[] keys, byte[] kinds,
                boolean[] sectionMaps, FieldMap template, int[] source, int[] header, int leafCount) {
            this.hash = hash;
            this.payloads = payloads;
            this.sizes = sizes;
            this.keys = keys;
            this.kinds = kinds;
            this.sectionMaps = sectionMaps;
            this.template = template;
            this.source = source;
            this.eventId = header[0];
            this.channel = header[1];
            this.provider = header[2];
            this.timeAt = template == null ? -1 : template.indexOf("TimeCreated_SystemTime");
            this.hostAt = template == null ? -1 : template.indexOf("Computer");
            this.leafCount = leafCount;
        }

        /**
         * The routing last found for records of this shape, with the routing cache (the normalizer: a flat shape's
         * plan serves them all), channel and provider it was found for.
         */
        private Routed routed;

        private record Routed(WindowsRouting.Cache routings, String channel, String provider,
                WindowsRouting routing) {}

        /**
         * {@code routings.get(channel, provider)}, remembered for the last pair: records of one shape come from one
         * channel and provider, so comparing the two texts spares hashing them for the cache.
         */
        WindowsRouting routing(String channel, String provider, WindowsRouting.Cache routings) {
            Routed r = routed; // written without locks: a record is immutable, a lost write costs a lookup
            if (r != null && r.routings == routings && Objects.equals(r.channel, channel)
                    && Objects.equals(r.provider, provider)) {
                return r.routing;
            }
            WindowsRouting routing = routings.get(channel, provider);
            routed = new Routed(routings, channel, provider, routing);
            return routing;
        }

        /** {@code EventID} from {@code System}, in a builder this plan filled; null if it has none. */
        Object eventId(FieldMap.Builder out) {
            return eventId < 0 ? null : out.valueAt(eventId);
        }

        /** {@code Channel} from {@code System}, as {@link #eventId}. */
        Object channel(FieldMap.Builder out) {
            return channel < 0 ? null : out.valueAt(channel);
        }

        /** {@code Provider_Name} from {@code System}, as {@link #eventId}. */
        Object provider(FieldMap.Builder out) {
            return provider < 0 ? null : out.valueAt(provider);
        }

        /** A shape known to have no plan: {@link #fills} is false. */
        static Plan none(long hash) {
            return none(hash, null);
        }

        private static Plan none(long hash, List<String> payloads) {
            return new Plan(hash, payloads, null, null, null, null, null, null, new int[] {-1, -1, -1}, 0);
        }

        /** Whether this plan fills builders ({@link WindowsPlans#apply}); false for a shape without one. */
        boolean fills() {
            return template != null;
        }

        /** The plan of this record's shape, or null when its flattening depends on more than its shape. */
        static Plan of(long hash, FieldMap system, Object[] sections) {
            Recorder r = new Recorder();
            FieldMap markedSystem = r.copy(system, 0);
            if (markedSystem == null) return null;
            Object[] markedSections = new Object[sections.length];
            for (int i = 0; i < sections.length; i++) {
                Object s = sections[i];
                if (s instanceof FieldMap f) {
                    markedSections[i] = r.copy(f, 0);
                    if (markedSections[i] == null) return null;
                } else if (WindowsFields.isMap(s)) {
                    return null; // a map of another kind: not walked here
                }
            }
            return flattened(hash, null, markedSystem, markedSections, r.leafOf, r.sizes.stream()
                    .mapToInt(Integer::intValue).toArray(), r.keys.toArray(String[]::new), toBytes(r.kinds));
        }

        /**
         * The plan of a flat shape ({@link FlatRecord}), filling from the record's leaves; a plan that does not fill
         * for a shape that is no Windows record or whose flattening depends on more than its shape.
         */
        static Plan ofShape(FlatRecord.Shape shape, List<String> payloads) {
            Plan none = none(shape.hash, payloads);
            if (shape.hasLists || shape.leafCount > MAX_LEAVES || shape.keys.length > MAX_KEYS
                    || shape.sizes.length > MAX_LEAVES) {
                return none; // a Data list, or beyond what plans cover
            }
            Object[] markers = new Object[shape.leafCount];
            Map<Object, Integer> leafOf = new IdentityHashMap<>();
            for (int i = 0; i < markers.length; i++) {
                markers[i] = new Marker();
                leafOf.put(markers[i], i);
            }
            FieldMap record = shape.build(markers, null);
            Map<?, ?> event = WindowsNormalizer.eventElement(record);
            if (event == null || !(event.get("System") instanceof FieldMap system) || depth(system) > MAX_DEPTH) {
                return none;
            }
            Object[] sections = new Object[payloads.size()];
            for (int i = 0; i < sections.length; i++) {
                sections[i] = event.get(payloads.get(i));
                if (sections[i] instanceof FieldMap f && depth(f) > MAX_DEPTH) return none;
            }
            Plan p = flattened(shape.hash, payloads, system, sections, leafOf, null, null, null);
            return p != null ? p : none;
        }

        /** How deep a map nests (1 for a map of leaves). */
        private static int depth(FieldMap m) {
            int d = 0;
            for (int i = 0; i < m.size(); i++) {
                if (m.valueAt(i) instanceof FieldMap f) d = Math.max(d, depth(f));
            }
            return d + 1;
        }

        /**
         * The plan from a record's sections whose leaves are markers, {@code leafOf} giving each marker's leaf
         * position; null when a payload names its fields by values ({@code Data} items that are maps or lists) or
         * the flattener makes a value that is no leaf's.
         */
        private static Plan flattened(long hash, List<String> payloads, FieldMap markedSystem, Object[] markedSections,
                Map<Object, Integer> leafOf, int[] sizes, String[] keys, byte[] kinds) {
            boolean[] sectionMaps = new boolean[markedSections.length];
            for (int i = 0; i < markedSections.length; i++) {
                if (markedSections[i] instanceof FieldMap f) {
                    for (int k = 0; k < f.size(); k++) {
                        // Data items are named by a value (their Name attribute); a Data leaf or null is just itself
                        Object v = f.valueAt(k);
                        if (v != null && !(v instanceof Marker) && WindowsFields.localName(f.keyAt(k)).equals("Data")) {
                            return null;
                        }
                    }
                    sectionMaps[i] = true;
                } else if (WindowsFields.isMap(markedSections[i])) {
                    return null; // a map of another kind: not walked here
                }
            }
            FieldMap.Builder out = new FieldMap.Builder(48);
            WindowsFields flattener = new WindowsFields(out);
            flattener.system(markedSystem); // a marker is no number: EventID stays the marker, converted on use
            int[] header = {out.indexOf("EventID"), out.indexOf("Channel"), out.indexOf("Provider_Name")};
            for (Object s : markedSections) flattener.payload(s);
            int[] source = new int[out.size()];
            for (int k = 0; k < source.length; k++) {
                Object v = out.valueAt(k);
                if (v == null) {
                    source[k] = -1;
                } else {
                    Integer leaf = leafOf.get(v);
                    if (leaf == null) return null; // a value the flattener made: not a plain copy of a leaf
                    source[k] = leaf;
                }
                out.setAt(k, null); // the template holds names only
            }
            return new Plan(hash, payloads, sizes, keys, kinds, sectionMaps, out.build(), source, header,
                    leafOf.size());
        }

        /** Checks the record's shape against this plan, gathering its leaves; fills {@code out} when it matches. */
        boolean fill(FieldMap system, Object[] sections, FieldMap.Builder out) {
            Object[] leaves = new Object[leafCount];
            int[] at = new int[3]; // map, key, leaf cursors
            if (!walk(system, at, leaves)) return false;
            for (int i = 0; i < sectionMaps.length; i++) {
                Object s = sections[i];
                if (sectionMaps[i]) {
                    if (!(s instanceof FieldMap f) || !walk(f, at, leaves)) return false;
                } else if (WindowsFields.isMap(s)) {
                    return false;
                }
            }
            if (at[0] != sizes.length || at[2] != leafCount) return false;
            out.fill(template);
            for (int k = 0; k < source.length; k++) {
                if (source[k] >= 0) out.setAt(k, leaves[source[k]]);
            }
            convertEventId(out);
            return true;
        }

        /** Fills {@code out} from a flat record of this plan's shape; its strings not read stay unmade. */
        void fillFrom(FlatRecord record, FieldMap.Builder out) {
            out.fill(template);
            record.copyLeaves(source, out);
            convertEventId(out);
        }

        private void convertEventId(FieldMap.Builder out) {
            if (eventId >= 0) {
                Long id = WindowsFields.eventId(out.valueAt(eventId));
                if (id != null) out.setAt(eventId, id);
            }
        }

        private boolean walk(FieldMap m, int[] at, Object[] leaves) {
            int n = m.size();
            if (at[0] >= sizes.length || sizes[at[0]++] != n || at[1] + n > keys.length) return false;
            for (int i = 0; i < n; i++) {
                int k = at[1]++;
                String key = m.keyAt(i);
                if (key != keys[k] && !key.equals(keys[k])) return false;
                Object v = m.valueAt(i);
                byte kind = kinds[k];
                if (v instanceof FieldMap f) {
                    if (kind != MAP || !walk(f, at, leaves)) return false;
                } else if (v == null) {
                    if (kind != NULL) return false;
                } else if (kind == LEAF && WindowsFields.isLeaf(v)) { // not null: tested above
                    if (at[2] >= leafCount) return false;
                    leaves[at[2]++] = v;
                } else {
                    return false;
                }
            }
            return true;
        }
    }

    /** Copies a record's maps with each leaf replaced by a distinct marker, noting the shape as it goes. */
    private static final class Recorder {
        final List<Integer> sizes = new ArrayList<>();
        final List<String> keys = new ArrayList<>();
        final List<Byte> kinds = new ArrayList<>();
        final Map<Object, Integer> leafOf = new IdentityHashMap<>();

        /** The marked copy, or null for a shape no plan covers (lists, other maps or values, too many leaves). */
        FieldMap copy(FieldMap m, int depth) {
            if (depth > MAX_DEPTH || sizes.size() >= MAX_LEAVES) return null;
            sizes.add(m.size());
            FieldMap.Builder b = new FieldMap.Builder(m.size());
            for (int i = 0; i < m.size(); i++) {
                if (keys.size() >= MAX_KEYS) return null;
                String key = m.keyAt(i);
                Object v = m.valueAt(i);
                keys.add(key);
                if (v instanceof FieldMap f) {
                    kinds.add(MAP);
                    FieldMap c = copy(f, depth + 1);
                    if (c == null) return null;
                    b.putNew(key, c);
                } else if (v == null) {
                    kinds.add(NULL);
                    b.putNew(key, null);
                } else if (WindowsFields.isLeaf(v) && leafOf.size() < MAX_LEAVES) { // not null: tested above
                    kinds.add(LEAF);
                    Object marker = new Marker(); // no string, number or map: nothing reads it as one
                    leafOf.put(marker, leafOf.size());
                    b.putNew(key, marker);
                } else {
                    return null;
                }
            }
            return b.build();
        }
    }

    /** A leaf's stand-in while a plan is made. */
    private static final class Marker {}

    private static byte[] toBytes(List<Byte> list) {
        byte[] b = new byte[list.size()];
        for (int i = 0; i < b.length; i++) b[i] = list.get(i);
        return b;
    }
}
