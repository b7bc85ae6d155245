package dev.edr.core.internal.prefilter;

import dev.edr.core.event.Event;
import dev.edr.core.internal.event.FieldMap;
import dev.edr.core.internal.event.KeywordText;
import dev.edr.core.internal.event.SourceKey;
import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.match.EventPredicate;
import dev.edr.core.internal.match.FieldView;
import dev.edr.core.internal.match.ValueText;
import java.util.Arrays;
import java.util.List;

/**
 * The per-event working state of a {@link CandidateIndex}: which routes are active, which fields were scanned, which
 * rules became candidates. Marks are generation stamps, so nothing is cleared or allocated between events.
 * Single-threaded: one per session.
 */
public final class CandidateCollector implements Automaton.Hits {
    private final CandidateIndex index;
    /**
     * Per slot, what this event did to it, in one word (one memory access per hit): the generation in the high half;
     * below, the trigger groups found ({@link #GROUPS}), whether it is a candidate ({@link #ADDED}) and whether a veto
     * was found ({@link #VETOED}). A word of an older generation counts as zero.
     */
    private final long[] state;
    private static final long GENERATION = 0xFFFF_FFFF_0000_0000L;
    private static final long GROUPS = 0b111;
    private static final long ADDED = 0b1000;
    private static final long VETOED = 0b1_0000;
    /** The generation, shifted into the high half of a {@link #state} word. */
    private long stamp;
    /** The slots of the routes of the current event's logsource, as a bit set. */
    private long[] activeSlots;
    private final int[] routeMark;
    private final int[] activeRoutes;
    private int activeCount;
    private final int[] candidates;
    private int count;
    /** How many slots a veto atom was found for this event. */
    private int vetoed;
    /** Per field, the generation in which an event key was scanned for it; whether one was scanned twice. */
    private final int[] fieldSeen;
    private boolean sameFieldTwice;
    private int generation;
    /**
     * Remembered scans (see {@link #scanText}): 2^MEMO_BITS texts of up to MEMO_MAX_CHARS characters, 2^LONG_BITS
     * longer ones of up to LONG_MAX_CHARS (command lines of parents that start many processes), and numbers.
     */
    private static final int MEMO_BITS = 12;
    private static final int MEMO_MAX_CHARS = 256;
    private static final int LONG_BITS = 8;
    private static final int LONG_MAX_CHARS = 4096;
    private static final int[] NO_HITS = new int[0];
    private final Memo shortTexts = new Memo(MEMO_BITS);
    private final Memo longTexts = new Memo(LONG_BITS);
    private final long[] numberValue = new long[1 << MEMO_BITS];
    private final int[] numberField = new int[1 << MEMO_BITS];
    private final int[][] numberHits = new int[1 << MEMO_BITS][];
    private final Automaton.IntList recorded = new Automaton.IntList();
    private boolean recording;
    /** The values to scan this event and the rule fields of each (see {@link #touch}). */
    private int[][] pendingIds = new int[32][];
    private Object[] pendingValues = new Object[32];
    private int[] pendingPositions = new int[32];
    /** Written so that the loads of {@link #touch} are not optimized away. */
    @SuppressWarnings("unused")
    private int touched;
    /** Logsources remembered (open addressing, by identity), at most half full. */
    private static final int ROUTE_SETS = 256;
    private final RouteSet[] routeSets = new RouteSet[ROUTE_SETS];
    private int routeSetCount;

    CandidateCollector(CandidateIndex index, int slots, int routes, int fields) {
        this.index = index;
        this.state = new long[slots];
        this.routeMark = new int[routes];
        this.activeRoutes = new int[routes];
        this.candidates = new int[slots];
        this.fieldSeen = new int[fields];
    }

    /**
     * Finds the candidate rules of the event behind {@code context}: afterwards {@link #candidate(int)} for
     * {@code 0 <= i <} the returned count gives their slots in ascending order.
     */
    public int collect(EvalContext context) {
        nextGeneration();
        count = 0;
        vetoed = 0;
        sameFieldTwice = false;
        Event event = context.event();
        RouteSet routes = routeSet(SourceKey.of(event), event);
        activeSlots = routes.activeSlots;
        Object keywordText = routes.keywordLiterals == null ? null : KeywordText.of(event);
        touchText(keywordText);
        EventPredicate[] prechecks = index.prechecks;
        for (int slot : routes.always) {
            if (prechecks == null || prechecks[slot] == null || prechecks[slot].test(context)) add(slot);
        }
        // the event's own fields, not the rules' (most of which an event lacks): no lookup of absent fields at all
        FieldMap fields = FieldMap.copyOf(event.fields()); // events keep a FieldMap: no copy
        int pending;
        Object layout = fields.layoutToken();
        KeyPlan plan = layout == null ? null : routes.plan(layout);
        if (plan != null) { // keys seen before in this order: the positions to scan are known
            int[] positions = plan.positions;
            pending = positions.length;
            while (pending > pendingIds.length) growPending();
            for (int p = 0; p < pending; p++) {
                pendingIds[p] = plan.ids[p];
                pendingValues[p] = fields.valueAt(positions[p]);
            }
            sameFieldTwice = plan.sameFieldTwice;
        } else {
            pending = walkKeys(fields, routes);
            if (layout != null) routes.rememberPlan(layout, keyPlan(pending));
        }
        touch(pending);
        for (int p = 0; p < pending; p++) {
            scanField(pendingIds[p], pendingValues[p]);
            pendingValues[p] = null; // the event is not kept alive by the collector
        }
        if (routes.keywordLiterals != null) {
            scanKeywords(routes, keywordText);
        }
        if (vetoed > 0 && !sameFieldTwice) {
            dropVetoed();
        }
        if (count > 1) Arrays.sort(candidates, 0, count);
        return count;
    }

    /**
     * Walks the event's keys: each one that stands for rule fields the routes need becomes a pending scan (its rule
     * fields in {@link #pendingIds}, its value in {@link #pendingValues}, its position in {@link #pendingPositions});
     * notes {@link #sameFieldTwice}. Returns the number pending.
     */
    private int walkKeys(FieldMap fields, RouteSet routes) {
        int pending = 0;
        for (int i = 0, n = fields.size(); i < n; i++) {
            String key = fields.keyAt(i);
            int[] ids = routes.fieldsForKey(key);
            if (ids == null) ids = routes.remember(key, activeFieldsForKey(key, routes));
            if (ids.length > 0) {
                for (int f : ids) {
                    if (fieldSeen[f] == generation) sameFieldTwice = true; // keys differing only in case
                    fieldSeen[f] = generation;
                }
                if (pending == pendingIds.length) growPending();
                pendingIds[pending] = ids;
                pendingPositions[pending] = i;
                pendingValues[pending++] = fields.valueAt(i);
            }
        }
        return pending;
    }

    /** The walk just made ({@link #walkKeys}), as a plan for events with the same keys in the same order. */
    private KeyPlan keyPlan(int pending) {
        return new KeyPlan(Arrays.copyOf(pendingPositions, pending), Arrays.copyOf(pendingIds, pending),
                sameFieldTwice);
    }

    /**
     * For one layout of keys ({@link FieldMap#layoutToken}) and one logsource: the positions of the keys that stand
     * for rule fields the routes need, those fields, and whether two keys stand for one field.
     */
    private record KeyPlan(int[] positions, int[][] ids, boolean sameFieldTwice) {}

    /**
     * What the routes of a logsource need, remembered per logsource (events share one {@link SourceKey} per source,
     * compared by identity): the routes, their rules without triggers, their fields and their keyword automaton.
     */
    private RouteSet routeSet(SourceKey key, Event event) {
        int slot = routeSlot(key);
        for (RouteSet known; (known = routeSets[slot]) != null; slot = (slot + 1) & (ROUTE_SETS - 1)) {
            if (known.key == key) return known;
        }
        if (routeSetCount >= ROUTE_SETS / 2) { // a stream of ever new logsources: start over rather than grow
            Arrays.fill(routeSets, null);
            routeSetCount = 0;
            slot = routeSlot(key);
        }
        activeCount = 0;
        index.activeRoutes(event, this); // marks the routes with the current generation
        int[] routes = Arrays.copyOf(activeRoutes, activeCount);
        Automaton.IntList always = new Automaton.IntList();
        Automaton.IntList fieldIds = new Automaton.IntList();
        boolean keywords = false;
        long keywordRoutes = 0;
        for (int r : routes) {
            for (int s : index.always(r)) always.add(s);
            for (int f : index.fieldsOf(r)) {
                fieldIds.add(f);
                keywords |= index.fieldNames[f] == null;
            }
            int bit = index.keywordRouteBit(r);
            if (bit >= 0) keywordRoutes |= 1L << bit;
        }
        long[] activeSlots = new long[(state.length + 63) >>> 6];
        for (int s = 0; s < state.length; s++) {
            if (routeMark[index.route(s)] == generation) activeSlots[s >>> 6] |= 1L << s;
        }
        RouteSet set = new RouteSet(key, routes, activeSlots, always.distinct(), fieldIds.distinct(),
                keywords ? index.keywordLiterals(keywordRoutes) : null);
        routeSets[slot] = set;
        routeSetCount++;
        return set;
    }

    private static int routeSlot(SourceKey key) {
        return (key.hash() ^ key.hash() >>> 16) & (ROUTE_SETS - 1);
    }

    /**
     * Removes the candidates a veto proved unable to match ({@link Vetoes}). Only when each rule field was read from
     * one event key: with two keys differing only in case, the matcher reads one of them, which need not be the one
     * whose value held the veto.
     */
    private void dropVetoed() {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int slot = candidates[i];
            if ((state[slot] & VETOED) == 0) candidates[kept++] = slot; // candidates' words are of this generation
        }
        count = kept;
    }

    private void growPending() {
        pendingIds = Arrays.copyOf(pendingIds, pendingIds.length * 2);
        pendingValues = Arrays.copyOf(pendingValues, pendingValues.length * 2);
        pendingPositions = Arrays.copyOf(pendingPositions, pendingPositions.length * 2);
    }

    /**
     * Loads every cache line of a byte keyword text, first thing for the event: the loads do not depend on one
     * another nor on the walk over the event's keys that follows, so the text's misses are in flight together and
     * beside that walk's, instead of stalling the keyword search line by line at the end. (It paid only once the
     * search got fast: reading a string two characters per load, the search overlapped its own misses. Issued
     * here rather than with the values' loads in {@link #touch}: 4 of 4 alternating JMH rounds faster.)
     */
    private void touchText(Object keywordText) {
        if (keywordText instanceof byte[] latin1) {
            int sum = 0;
            for (int k = 0; k < latin1.length; k += 64) sum += latin1[k];
            touched = sum;
        }
    }

    /**
     * Loads, before any scan, what the scans will read first: each value's string (its hash) and the start of its
     * characters, then the remembered text its memo slot holds. An event's values and the remembered texts lie
     * scattered in the heap, and a value the cache lacks stalls the scan that reads it; these loads do not depend on
     * one another, so the processor has many of them in flight at once instead of one after the other.
     */
    private void touch(int pending) {
        int sum = touched;
        for (int p = 0; p < pending; p++) {
            if (pendingValues[p] instanceof String s) {
                int n = s.length();
                sum += memoFor(n) != null ? s.hashCode() + n : n; // a text no table keeps is scanned, never hashed
            }
        }
        for (int p = 0; p < pending; p++) {
            if (pendingValues[p] instanceof String s) {
                Memo memo = memoFor(s.length());
                String known = memo == null ? null : memo.text[memo.slot(s.hashCode(), pendingIds[p][0])];
                if (known != null) sum += known.length();
            }
        }
        touched = sum;
    }

    /** The rule fields an event key stands for that the routes need. */
    private int[] activeFieldsForKey(String key, RouteSet routes) {
        Automaton.IntList active = new Automaton.IntList();
        for (int f : index.fieldsForKey(key)) {
            if (Arrays.binarySearch(routes.fields, f) >= 0) active.add(f); // sorted: IntList.distinct
        }
        return active.size() == 0 ? NO_HITS : active.toArray();
    }

    /**
     * What the routes of one logsource need. Events of one source have the same few dozen field names (the same
     * string objects, from the normalizer), so the rule fields each name stands for are remembered here too, in a
     * small open-addressed table: most names stand for no field the routes need, and cost one probe.
     */
    private static final class RouteSet {
        private static final int MAX_KEYS = 256;
        final SourceKey key;
        final int[] routes;
        /** The slots of those routes, as a bit set. */
        final long[] activeSlots;
        final int[] always;
        /** The rule fields the routes need, sorted. */
        final int[] fields;
        /** The keyword automaton of the routes, or {@code null} when none of them has keyword rules. */
        final FieldLiterals keywordLiterals;
        private String[] keys = new String[16];
        private int[][] ids = new int[16][];
        private int size;
        /** Key plans by layout token, direct-mapped by identity: a logsource's events have a few layouts. */
        private final Object[] planLayouts = new Object[PLANS];
        private final KeyPlan[] plans = new KeyPlan[PLANS];
        private static final int PLANS = 64;

        RouteSet(SourceKey key, int[] routes, long[] activeSlots, int[] always, int[] fields,
                FieldLiterals keywordLiterals) {
            this.key = key;
            this.routes = routes;
            this.activeSlots = activeSlots;
            this.always = always;
            this.fields = fields;
            this.keywordLiterals = keywordLiterals;
        }

        KeyPlan plan(Object layout) {
            int slot = planSlot(layout);
            return planLayouts[slot] == layout ? plans[slot] : null;
        }

        void rememberPlan(Object layout, KeyPlan plan) {
            int slot = planSlot(layout);
            planLayouts[slot] = layout;
            plans[slot] = plan;
        }

        private static int planSlot(Object layout) {
            int h = System.identityHashCode(layout);
            return (h ^ h >>> 16) & (PLANS - 1);
        }

        int[] fieldsForKey(String name) {
            int mask = keys.length - 1;
            int h = name.hashCode();
            for (int slot = h & mask; ; slot = (slot + 1) & mask) {
                String k = keys[slot];
                if (k == null) return null;
                if (k == name || (k.hashCode() == h && k.equals(name))) return ids[slot];
            }
        }

        /** Remembers {@code fieldIds} for {@code name}, unless names keep coming (hostile input inventing them). */
        int[] remember(String name, int[] fieldIds) {
            if (size >= MAX_KEYS) return fieldIds;
            if (2 * (size + 1) > keys.length) {
                String[] oldKeys = keys;
                int[][] oldIds = ids;
                keys = new String[oldKeys.length * 2];
                ids = new int[oldKeys.length * 2][];
                size = 0;
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != null) put(oldKeys[i], oldIds[i]);
                }
            }
            put(name, fieldIds);
            return fieldIds;
        }

        private void put(String name, int[] fieldIds) {
            int mask = keys.length - 1;
            int slot = name.hashCode() & mask;
            while (keys[slot] != null) slot = (slot + 1) & mask;
            keys[slot] = name;
            ids[slot] = fieldIds;
            size++;
        }
    }

    /**
     * Scans the value of an event field for every rule field it may stand for (the same name up to case, see
     * {@link dev.edr.core.event.Event#get}) that an active route needs: {@code fieldIds}. The leaves scanned are those a matcher's
     * view of the field has; when two keys differ only in case both are scanned, which can only add candidates.
     */
    private void scanField(int[] fieldIds, Object value) {
        if (value instanceof String s) { // nearly every value: tested once, not per field
            for (int f : fieldIds) scanText(f, s);
        } else if (value instanceof Long n) {
            for (int f : fieldIds) {
                if (index.numeric[f]) scanNumber(f, n);
            }
        } else if (value instanceof Number n) {
            String text = ValueText.text(n);
            for (int f : fieldIds) {
                if (index.numeric[f] && text != null) scanText(f, text);
            }
        } else if (value instanceof Boolean b) {
            for (int f : fieldIds) scanText(f, b ? "true" : "false");
        } else if (value instanceof List<?>) {
            String[] texts = FieldView.of(value).texts();
            for (int f : fieldIds) {
                for (String text : texts) scanText(f, text);
            }
        }
    }

    /**
     * Reports the atoms of field {@code f} in {@code text}. Short values recur from event to event (image paths,
     * user and host names, GUIDs, the whole System header of a Windows record), so their atoms are remembered in a
     * direct-mapped table keyed by field and text: a repeat costs a hash and an equality test instead of a pass
     * through the automata. Long values recur too (the command line of a parent that starts many processes: in one
     * pass over the attack samples, 149 of 310 field texts of 257 to 4,096 characters repeat an earlier one): a smaller table keeps those of up to
     * 4,096 characters, whose hash costs a fraction of their scan. What a scan reports depends on nothing but the
     * field's literals and the text, so a remembered answer is the answer; routes and trigger groups are applied
     * afterwards, per event, by {@link #hit}.
     */
    private void scanText(int f, String text) {
        Memo memo = memoFor(text.length());
        if (memo == null) {
            index.fields[f].find(text, this);
            return;
        }
        int h = text.hashCode();
        int slot = memo.slot(h, f);
        String known = memo.text[slot];
        if (known != null && memo.field[slot] == f && (known == text || (known.hashCode() == h && known.equals(text)))) {
            for (int atom : memo.hits[slot]) hit(atom);
            return;
        }
        memo.hits[slot] = recordedScan(index.fields[f], text); // the field's automata are only needed now
        memo.text[slot] = text;
        memo.field[slot] = f;
    }

    /** The table that remembers scans of texts of this length, or {@code null}: such texts are scanned every time. */
    private Memo memoFor(int length) {
        return length <= MEMO_MAX_CHARS ? shortTexts : length <= LONG_MAX_CHARS ? longTexts : null;
    }

    /** A direct-mapped table of remembered scans: by field and text, the atoms the scan reported. */
    private static final class Memo {
        final String[] text;
        final int[] field;
        final int[][] hits;
        private final int bits;

        Memo(int bits) {
            this.bits = bits;
            this.text = new String[1 << bits];
            this.field = new int[1 << bits];
            this.hits = new int[1 << bits][];
        }

        int slot(int hash, int f) {
            return (hash * 0x9E3779B9 + f * 0x85EBCA6B) >>> (32 - bits);
        }
    }

    /** {@link #scanText} for whole numbers (event ids, process ids, levels...), remembered by value: no text. */
    private void scanNumber(int f, long n) {
        int slot = (Long.hashCode(n) * 0x9E3779B9 + f * 0x85EBCA6B) >>> (32 - MEMO_BITS);
        if (numberHits[slot] != null && numberField[slot] == f && numberValue[slot] == n) {
            for (int atom : numberHits[slot]) hit(atom);
            return;
        }
        numberHits[slot] = recordedScan(index.fields[f], Long.toString(n));
        numberValue[slot] = n;
        numberField[slot] = f;
    }

    /** Scans {@code text} (hits go on as usual) and returns the atoms it reported, each once, for remembering. */
    private int[] recordedScan(FieldLiterals literals, String text) {
        recorded.clear();
        recording = true;
        try {
            literals.find(text, this);
        } finally {
            recording = false;
        }
        return recorded.size() == 0 ? NO_HITS : recorded.distinct();
    }


    public int candidate(int i) {
        return candidates[i];
    }

    /**
     * Keyword search: one pass over the event's {@link KeywordText} (every string and number of its original record).
     * A record too large for the matchers' node budget has none, and makes every keyword rule a candidate.
     */
    private void scanKeywords(RouteSet routes, Object text) {
        if (text instanceof byte[] latin1) {
            routes.keywordLiterals.find(latin1, this);
            return;
        }
        if (text != null) {
            routes.keywordLiterals.find((String) text, this);
            return;
        }
        for (int r : routes.routes) {
            for (int slot : index.keywordSlots(r)) add(slot);
        }
    }

    void activateRoute(int route) {
        if (routeMark[route] != generation) {
            routeMark[route] = generation;
            activeRoutes[activeCount++] = route;
        }
    }

    @Override
    public void hit(int atom) {
        if (recording) {
            recorded.add(atom);
        }
        int e = index.atomEntry[atom];
        if (e >= 0) {
            apply(e); // one group: the entry itself
            return;
        }
        int[] runs = index.atomRuns;
        for (int i = ~e + 1, end = i + runs[~e]; i < end; i++) apply(runs[i]);
    }

    /** Applies one entry ({@code slot << 2 | group}) of an atom found in this event. */
    private void apply(int entry) {
        int slot = entry >>> 2;
        if ((activeSlots[slot >>> 6] & 1L << slot) == 0) {
            return; // another logsource's rule (most entries of a common atom): its word is not even read
        }
        long bits = bits(slot);
        if ((entry & 3) == CandidateIndex.VETO) {
            if ((bits & VETOED) == 0) {
                state[slot] = stamp | bits | VETOED;
                vetoed++;
            }
            return;
        }
        if ((bits & ADDED) != 0) {
            return;
        }
        bits |= 1L << (entry & 3);
        if ((bits & GROUPS) == index.fullMask[slot]) {
            bits |= ADDED;
            candidates[count++] = slot;
        }
        state[slot] = stamp | bits;
    }

    /** The low half of the slot's {@link #state} word when it is of this event's generation, else zero. */
    private long bits(int slot) {
        long word = state[slot];
        return (word & GENERATION) == stamp ? word & ~GENERATION : 0;
    }

    private void add(int slot) {
        long bits = bits(slot);
        if ((bits & ADDED) == 0) {
            state[slot] = stamp | bits | ADDED;
            candidates[count++] = slot;
        }
    }

    private void nextGeneration() {
        generation++;
        if (generation == 0) { // wrapped after 2^32 events: old marks could collide, so forget them
            Arrays.fill(state, 0);
            Arrays.fill(routeMark, 0);
            Arrays.fill(fieldSeen, 0);
            generation = 1;
        }
        stamp = (long) generation << 32;
    }
}
