package dev.edr.core.internal.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One field of one event as the matchers see it: whether it is present, its raw value, and its scalar
 * leaves (a list contributes its elements, nested lists included; maps and nulls contribute nothing, so a
 * map never matches a value test). Text and lower-case forms are computed once and shared by every rule.
 * Not thread-safe: lives inside one {@link EvalContext}.
 */
public final class FieldView {
    static final FieldView ABSENT = new FieldView(false, null, new Object[0]);
    /** Bounds the work spent on pathological (deeply nested or self-referencing) values. */
    public static final int MAX_NODES = 100_000;
    /** Containers nested deeper are not looked into. */
    public static final int MAX_DEPTH = 64;

    private final boolean present;
    private final Object raw;
    private final Object[] leaves;
    private String[] texts;
    private String[] lowerTexts;

    private FieldView(boolean present, Object raw, Object[] leaves) {
        this.present = present;
        this.raw = raw;
        this.leaves = leaves;
    }

    /** A present field holding {@code value}: its list elements are flattened, maps skipped. */
    public static FieldView of(Object value) {
        if (value instanceof String s) { // most fields: one text, which is its own text (checked first: the
            String[] one = {s};          // interface tests below scan String's interfaces and miss)
            FieldView v = new FieldView(true, s, one);
            v.texts = one;
            return v;
        }
        return new FieldView(true, value, collect(value, false));
    }

    /** Every string and number anywhere inside {@code root} (through maps and lists), for keyword search. */
    static FieldView keywordsOf(Object root) {
        return new FieldView(true, root, collect(root, true));
    }

    public boolean present() {
        return present;
    }

    /** Absent, or present with JSON null. */
    boolean isNull() {
        return raw == null;
    }

    Object[] leaves() {
        return leaves;
    }

    /** The text of each leaf (numbers in decimal, booleans as true/false). */
    public String[] texts() {
        if (texts == null) {
            String[] t = new String[leaves.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = ValueText.text(leaves[i]);
            }
            texts = t;
        }
        return texts;
    }

    /** {@link #texts()} lower-cased with {@code toLowerCase(Locale.ROOT)}. */
    public String[] lowerTexts() {
        if (lowerTexts == null) {
            String[] t = texts();
            String[] l = null;
            for (int i = 0; i < t.length; i++) {
                String lower = t[i].toLowerCase(Locale.ROOT); // the same string when already lower case
                if (lower != t[i] && l == null) l = t.clone();
                if (l != null) l[i] = lower;
            }
            lowerTexts = l == null ? t : l;
        }
        return lowerTexts;
    }

    private static Object[] collect(Object root, boolean intoMaps) {
        if (root == null || root instanceof Map<?, ?> && !intoMaps) {
            return new Object[0];
        }
        if (!(root instanceof List<?>) && !(root instanceof Map<?, ?>)) {
            return isLeaf(root, intoMaps) ? new Object[] {root} : new Object[0];
        }
        List<Object> out = new ArrayList<>();
        Deque<Object[]> stack = new ArrayDeque<>(); // {container iterator, depth}
        stack.push(new Object[] {children(root), 0});
        int visited = 0;
        while (!stack.isEmpty() && visited < MAX_NODES) {
            Object[] top = stack.peek();
            @SuppressWarnings("unchecked")
            java.util.Iterator<Object> it = (java.util.Iterator<Object>) top[0];
            if (!it.hasNext()) {
                stack.pop();
                continue;
            }
            Object v = it.next();
            visited++;
            int depth = (int) top[1];
            if (v instanceof List<?> || (intoMaps && v instanceof Map<?, ?>)) {
                if (depth < MAX_DEPTH) {
                    stack.push(new Object[] {children(v), depth + 1});
                }
            } else if (isLeaf(v, intoMaps)) {
                out.add(v);
            }
        }
        return out.toArray();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Iterator<Object> children(Object container) {
        return container instanceof Map<?, ?> m
                ? ((Map<Object, Object>) m).values().iterator()
                : ((List<Object>) container).iterator();
    }

    /** Field values: strings, numbers, booleans. Keyword search: strings and numbers only. */
    private static boolean isLeaf(Object v, boolean keyword) {
        if (v instanceof String || v instanceof Number) {
            return ValueText.text(v) != null;
        }
        return !keyword && v instanceof Boolean;
    }
}
