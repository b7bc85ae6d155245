package dev.edr.core.internal.prefilter;

import dev.edr.core.event.Event;
import dev.edr.core.internal.event.FieldMap;
import dev.edr.core.internal.event.KeywordText;
import dev.edr.core.internal.event.SourceKey;
import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.match.FieldView;
import dev.edr.core.internal.match.ValueText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The per-event working state of a {@link CandidateIndex}: which routes are active, which fields were scanned, which
 * rules became candidates. Marks are generation stamps, so nothing is cleared or allocated between events.
 * Single-threaded: one per session.
 */
public final class CandidateCollector implements Automaton.Hits {
    private final CandidateIndex index;
    private final int[] slotMark;
    private final int[] maskMark;
    private final byte[] mask;
    private final int[] routeMark;
    private final int[] activeRoutes;
    private int activeCount;
    private final int[] candidates;
    private int count;
    /** Per slot, the generation in which a veto atom of its rule was found; how many slots that is this event. */
    private final int[] vetoMark;
    private int vetoed;
    /** Per field, the generation in which an event key was scanned for it; whether one was scanned twice. */
    private final int[] fieldSeen;
    private boolean sameFieldTwice;
    private int generation;
    /** Remembered scans (see {@link #scanText}): 2^MEMO_BITS texts of up to MEMO_MAX_CHARS characters, and numbers. */
    private static final int MEMO_BITS = 12;
    private static final int MEMO_MAX_CHARS = 256;
    private static final int[] NO_HITS = new int[0];
    private final String[] memoText = new String[1 << MEMO_BITS];
    private final int[] memoField = new int[1 << MEMO_BITS];
    private final int[][] memoHits = new int[1 << MEMO_BITS][];
    private final long[] numberValue = new long[1 << MEMO_BITS];
    private final int[] numberField = new int[1 << MEMO_BITS];
    private final int[][] numberHits = new int[1 << MEMO_BITS][];
    private final Automaton.IntList recorded = new Automaton.IntList();
    private boolean recording;
    /** Logsources remembered (open addressing, by identity), at most half full. */
    private static final int ROUTE_SETS = 256;
    private final RouteSet[] routeSets = new RouteSet[ROUTE_SETS];
    private int routeSetCount;

    CandidateCollector(CandidateIndex index, int slots, int routes, int fields) {
        this.index = index;
        this.slotMark = new int[slots];
        this.maskMark = new int[slots];
        this.mask = new byte[slots];
        this.routeMark = new int[routes];
        this.activeRoutes = new int[routes];
        this.candidates = new int[slots];
        this.vetoMark = new int[slots];
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
        for (int r : routes.routes) routeMark[r] = generation;
        for (int slot : routes.always) add(slot);
        if (routes.keywordLiterals != null) {
            scanKeywords(routes, event);
        }
        // the event's own fields, not the rules' (most of which an event lacks): no lookup of absent fields at all
        FieldMap fields = FieldMap.copyOf(event.fields()); // events keep a FieldMap: no copy
        for (int i = 0, n = fields.size(); i < n; i++) {
            String key = fields.keyAt(i);
            int[] ids = routes.fieldsForKey(key);
            if (ids == null) ids = routes.remember(key, activeFieldsForKey(key, routes));
            if (ids.length > 0) {
                for (int f : ids) {
                    if (fieldSeen[f] == generation) sameFieldTwice = true; // keys differing only in case
                    fieldSeen[f] = generation;
                }
                scanField(ids, fields.valueAt(i));
            }
        }
        if (vetoed > 0 && !sameFieldTwice) {
            dropVetoed();
        }
        Arrays.sort(candidates, 0, count);
        return count;
    }

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
        index.activeRoutes(event, this); // marks routes with the current generation, which collect sets anyway
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
        RouteSet set = new RouteSet(key, routes, always.distinct(), fieldIds.distinct(),
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
            if (vetoMark[slot] != generation) candidates[kept++] = slot;
        }
        count = kept;
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
        final int[] always;
        /** The rule fields the routes need, sorted. */
        final int[] fields;
        /** The keyword automaton of the routes, or {@code null} when none of them has keyword rules. */
        final FieldLiterals keywordLiterals;
        private String[] keys = new String[16];
        private int[][] ids = new int[16][];
        private int size;

        RouteSet(SourceKey key, int[] routes, int[] always, int[] fields, FieldLiterals keywordLiterals) {
            this.key = key;
            this.routes = routes;
            this.always = always;
            this.fields = fields;
            this.keywordLiterals = keywordLiterals;
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
     * through the automata. What a scan reports depends on nothing but the field's literals and the text, so a
     * remembered answer is the answer; routes and trigger groups are applied afterwards, per event, by {@link #hit}.
     */
    private void scanText(int f, String text) {
        if (text.length() > MEMO_MAX_CHARS) {
            scanDirect(index.fields[f], text);
            return;
        }
        int h = text.hashCode();
        int slot = (h * 0x9E3779B9 + f * 0x85EBCA6B) >>> (32 - MEMO_BITS);
        String known = memoText[slot];
        if (known != null && memoField[slot] == f && (known == text || (known.hashCode() == h && known.equals(text)))) {
            for (int atom : memoHits[slot]) hit(atom);
            return;
        }
        memoHits[slot] = recordedScan(index.fields[f], text); // the field's automata are only needed now
        memoText[slot] = text;
        memoField[slot] = f;
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
            scanDirect(literals, text);
        } finally {
            recording = false;
        }
        return recorded.size() == 0 ? NO_HITS : recorded.distinct();
    }

    private void scanDirect(FieldLiterals literals, String text) {
        if (!literals.scanFolding(text, this)) {
            literals.scanLowered(text.toLowerCase(Locale.ROOT), this);
        }
    }

    public int candidate(int i) {
        return candidates[i];
    }

    /**
     * Keyword search: one pass over the event's {@link KeywordText} (every string and number of its original record).
     * A record too large for the matchers' node budget has none, and makes every keyword rule a candidate.
     */
    private void scanKeywords(RouteSet routes, Event event) {
        String text = KeywordText.of(event);
        if (text != null) {
            scanDirect(routes.keywordLiterals, text);
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
        byte[] full = index.fullMask;
        for (int entry : index.atomSlots[atom]) {
            int slot = entry >>> 2;
            if ((entry & 3) == CandidateIndex.VETO) {
                if (vetoMark[slot] != generation) {
                    vetoMark[slot] = generation;
                    vetoed++;
                }
                continue;
            }
            if (slotMark[slot] == generation || routeMark[index.route(slot)] != generation) {
                continue;
            }
            int m = (maskMark[slot] == generation ? mask[slot] : 0) | 1 << (entry & 3);
            maskMark[slot] = generation;
            mask[slot] = (byte) m;
            if (m == full[slot]) add(slot);
        }
    }

    private void add(int slot) {
        if (slotMark[slot] != generation) {
            slotMark[slot] = generation;
            candidates[count++] = slot;
        }
    }

    private void nextGeneration() {
        generation++;
        if (generation == 0) { // wrapped after 2^32 events: old marks could collide, so forget them
            Arrays.fill(slotMark, 0);
            Arrays.fill(maskMark, 0);
            Arrays.fill(routeMark, 0);
            Arrays.fill(vetoMark, 0);
            Arrays.fill(fieldSeen, 0);
            generation = 1;
        }
    }
}
