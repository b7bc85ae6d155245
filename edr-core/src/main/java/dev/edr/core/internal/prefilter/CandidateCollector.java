package dev.edr.core.internal.prefilter;

import dev.edr.core.internal.match.EvalContext;
import dev.edr.core.internal.match.FieldView;
import dev.edr.core.internal.match.ValueText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

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
    private final int[] fieldMark;
    private final int[] activeRoutes;
    private int activeCount;
    private final int[] candidates;
    private int count;
    private int generation;
    private FieldLiterals keywordLiterals;
    private int keywordBudget;
    private int walkDepth;
    private final BiConsumer<Object, Object> mapVisitor = (key, value) -> visit(value, walkDepth);
    private final BiConsumer<String, Object> fieldVisitor = this::scanField;

    CandidateCollector(CandidateIndex index, int slots, int routes, int fields) {
        this.index = index;
        this.slotMark = new int[slots];
        this.maskMark = new int[slots];
        this.mask = new byte[slots];
        this.routeMark = new int[routes];
        this.fieldMark = new int[fields];
        this.activeRoutes = new int[routes];
        this.candidates = new int[slots];
    }

    /**
     * Finds the candidate rules of the event behind {@code context}: afterwards {@link #candidate(int)} for
     * {@code 0 <= i <} the returned count gives their slots in ascending order.
     */
    public int collect(EvalContext context) {
        nextGeneration();
        count = 0;
        activeCount = 0;
        index.activeRoutes(context.event(), this);
        for (int i = 0; i < activeCount; i++) {
            for (int slot : index.always(activeRoutes[i])) add(slot);
        }
        boolean keywords = false;
        for (int i = 0; i < activeCount; i++) {
            for (int f : index.fieldsOf(activeRoutes[i])) {
                fieldMark[f] = generation;
                keywords |= index.fieldNames[f] == null;
            }
        }
        if (keywords) {
            scanKeywords(index.fields[index.keywordField()], context.event().original());
        }
        // the event's own fields, not the rules' (most of which an event lacks): no lookup of absent fields at all
        context.event().fields().forEach(fieldVisitor);
        Arrays.sort(candidates, 0, count);
        return count;
    }

    /**
     * Scans the value of event field {@code key} for every rule field it may stand for (the same name up to case,
     * see {@link dev.edr.core.event.Event#get}) that an active route needs. The leaves scanned are those a matcher's
     * view of the field has; when two keys differ only in case both are scanned, which can only add candidates.
     */
    private void scanField(String key, Object value) {
        for (int f : index.fieldsForKey(key)) {
            if (fieldMark[f] != generation) continue;
            FieldLiterals literals = index.fields[f];
            if (value instanceof String s) {
                scanText(literals, s);
            } else if (value instanceof Number n) {
                if (literals.numeric()) {
                    String text = ValueText.text(n);
                    if (text != null) scanText(literals, text);
                }
            } else if (value instanceof Boolean b) {
                scanText(literals, b ? "true" : "false");
            } else if (value instanceof List<?>) {
                FieldView view = FieldView.of(value);
                String[] texts = view.texts();
                for (int i = 0; i < texts.length; i++) {
                    if (!literals.scanFolding(texts[i], this)) literals.scanLowered(view.lowerTexts()[i], this);
                }
            }
        }
    }

    private void scanText(FieldLiterals literals, String text) {
        if (!literals.scanFolding(text, this)) {
            literals.scanLowered(text.toLowerCase(Locale.ROOT), this);
        }
    }

    public int candidate(int i) {
        return candidates[i];
    }

    /**
     * Keyword search: every string (and number) of the original record, walked in place rather than collected, under
     * the same depth limit as the matchers' {@link FieldView#keywords}, so the prefilter sees at least what they see.
     * A record too large to walk within the matchers' node budget makes every keyword rule a candidate.
     */
    private void scanKeywords(FieldLiterals literals, Object original) {
        keywordLiterals = literals;
        keywordBudget = FieldView.MAX_NODES;
        if (original instanceof Map<?, ?> || original instanceof List<?>) {
            walk(original, 0);
        } else {
            leaf(original);
        }
        if (keywordBudget < 0) {
            for (int i = 0; i < activeCount; i++) {
                for (int slot : index.keywordSlots(activeRoutes[i])) add(slot);
            }
        }
    }

    private void walk(Object container, int depth) {
        if (container instanceof Map<?, ?> m) {
            int saved = walkDepth;
            walkDepth = depth;
            m.forEach(mapVisitor); // no iterator: LinkedHashMap walks its own links
            walkDepth = saved;
        } else {
            List<?> l = (List<?>) container;
            for (int i = 0, n = l.size(); i < n && keywordBudget >= 0; i++) visit(l.get(i), depth);
        }
    }

    private void visit(Object v, int depth) {
        if (--keywordBudget < 0) {
            return;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            if (depth < FieldView.MAX_DEPTH) walk(v, depth + 1);
        } else {
            leaf(v);
        }
    }

    private void leaf(Object v) {
        String text;
        if (v instanceof String s) {
            text = s;
        } else if (v instanceof Number && keywordLiterals.numeric()) {
            text = ValueText.text(v);
            if (text == null) return;
        } else {
            return;
        }
        scanText(keywordLiterals, text);
    }

    void activateRoute(int route) {
        if (routeMark[route] != generation) {
            routeMark[route] = generation;
            activeRoutes[activeCount++] = route;
        }
    }

    @Override
    public void hit(int atom) {
        byte[] full = index.fullMask;
        for (int entry : index.atomSlots[atom]) {
            int slot = entry >>> 2;
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
            Arrays.fill(fieldMark, 0);
            generation = 1;
        }
    }
}
