package dev.edr.core.internal.match;

import dev.edr.core.event.Event;
import dev.edr.core.internal.event.FieldMap;
import java.util.Locale;
import java.util.Map;

/**
 * The state of evaluating one event: caches each field's {@link FieldView} so that every rule of the pack
 * shares the lookups and lower-casing. Single-threaded: one per event, or one per session {@linkplain #reset reset}
 * for each event.
 */
public final class EvalContext {
    private Event event;
    /** Views by rule field name (interned by the compiler, so compared by identity first): a few per event. */
    private String[] names = new String[8];
    private FieldView[] views = new FieldView[8];
    private int size;
    private FieldView keywords;

    public EvalContext(Event event) {
        this.event = java.util.Objects.requireNonNull(event, "event");
    }

    /**
     * Takes {@code next} as the event, in a context {@linkplain #clear cleared} after the previous one: a session
     * evaluating its events one after another keeps one context and its arrays instead of making one per event.
     */
    public void reset(Event next) {
        this.event = java.util.Objects.requireNonNull(next, "event");
    }

    /** Forgets the event and what was looked up for it, so that none of it stays reachable from here. */
    public void clear() {
        java.util.Arrays.fill(names, 0, size, null);
        java.util.Arrays.fill(views, 0, size, null);
        size = 0;
        keywords = null;
        event = null;
    }

    public Event event() {
        return event;
    }

    /** The field as the rule names it: exact name first, then case-insensitive (see {@link Event#get}). */
    public FieldView field(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i] == name) return views[i];
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) return views[i];
        }
        FieldView v = lookup(name);
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, size * 2);
            views = java.util.Arrays.copyOf(views, size * 2);
        }
        names[size] = name;
        views[size++] = v;
        return v;
    }

    /**
     * {@link Event#has} and {@link Event#get} in one pass, without the per-event table of lower-cased names they
     * build on the first miss: the exact name, else the first field (in order) whose lower-cased name equals the
     * lower-cased {@code name}.
     */
    private FieldView lookup(String name) {
        Map<String, Object> all = event.fields();
        Object value = all.get(name);
        if (value != null || all.containsKey(name)) {
            return FieldView.of(value);
        }
        boolean ascii = isAscii(name);
        String lower = null;
        FieldMap f = FieldMap.copyOf(all); // events keep their fields in a FieldMap: no copy, no entry objects
        for (int i = 0, n = f.size(); i < n; i++) {
            String key = f.keyAt(i);
            // lower-casing maps a character to one ASCII character one to one or to nothing ASCII at all (the dotted
            // capital I becomes i and a combining dot), so a key of another length never equals an ASCII name
            if (ascii && key.length() != name.length()) continue;
            boolean same;
            if (ascii && isAscii(key)) {
                same = key.regionMatches(true, 0, name, 0, name.length()); // lengths are equal: see above
            } else {
                if (lower == null) lower = name.toLowerCase(Locale.ROOT);
                same = key.toLowerCase(Locale.ROOT).equals(lower);
            }
            if (same) {
                return FieldView.of(f.valueAt(i));
            }
        }
        return FieldView.ABSENT;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    /** Every string and number of the original record, for keyword search. */
    public FieldView keywords() {
        if (keywords == null) {
            keywords = FieldView.keywordsOf(event.original());
        }
        return keywords;
    }
}
