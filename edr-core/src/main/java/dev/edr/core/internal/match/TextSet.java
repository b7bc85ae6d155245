package dev.edr.core.internal.match;

import dev.edr.core.rule.ValueMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * A long list of case-insensitive values of one shape on one field (SigmaHQ's DLL side-loading rule lists some 400
 * {@code ImageLoaded|endswith} names), tested as a set instead of value by value: the text's prefixes or suffixes
 * are hashed as they grow, one character at a time ({@link String#hashCode()} of each), and only lengths some
 * value has are looked up. One pass over at most the longest value's length instead of hundreds of comparisons.
 * Immutable.
 */
final class TextSet implements ValuePredicate {
    /** Shorter lists are as fast value by value. */
    static final int MIN_VALUES = 8;

    private enum Shape { EQUALS, PREFIX, SUFFIX }

    private final Shape shape;
    private final String[] values;
    /** Open addressing by hash code: index + 1 into {@link #values}, 0 for empty. */
    private final int[] table;
    private final int[] hashes;
    private final boolean[] lengths;
    private final int longest;

    private TextSet(Shape shape, List<String> values) {
        this.shape = shape;
        this.values = values.toArray(String[]::new);
        int capacity = Integer.highestOneBit(Math.max(4, this.values.length) * 4);
        this.table = new int[capacity];
        this.hashes = new int[capacity];
        int max = 0;
        for (String v : this.values) max = Math.max(max, v.length());
        this.longest = max;
        this.lengths = new boolean[max + 1];
        for (int i = 0; i < this.values.length; i++) {
            String v = this.values[i];
            lengths[v.length()] = true;
            int slot = v.hashCode() & (capacity - 1);
            while (table[slot] != 0) slot = (slot + 1) & (capacity - 1);
            table[slot] = i + 1;
            hashes[slot] = v.hashCode();
        }
    }

    /**
     * The set test of {@code values}, or {@code null} when they are not at least {@link #MIN_VALUES} case-insensitive
     * plain texts of one shape (equal, starts with, ends with), with no other wildcard.
     */
    static TextSet of(List<ValueMatch> values) {
        if (values.size() < MIN_VALUES) return null;
        Shape shape = null;
        LinkedHashSet<String> texts = new LinkedHashSet<>();
        for (ValueMatch v : values) {
            if (!(v instanceof ValueMatch.StringMatch s) || s.cased()) return null;
            PlainGlob plain = PlainGlob.of(s.glob());
            if (plain == null || (plain.anyBefore() && plain.anyAfter())) return null;
            Shape this_ = plain.anyBefore() ? Shape.SUFFIX : plain.anyAfter() ? Shape.PREFIX : Shape.EQUALS;
            if (shape != null && shape != this_) return null;
            shape = this_;
            texts.add(plain.text().toLowerCase(Locale.ROOT)); // as TextMatchers lowers rule text
        }
        return new TextSet(shape, new ArrayList<>(texts));
    }

    @Override
    public boolean test(FieldView value, EvalContext context) {
        for (String text : value.lowerTexts()) {
            if (matches(text)) return true;
        }
        return false;
    }

    boolean matches(String text) {
        int len = text.length();
        if (shape == Shape.EQUALS) {
            return len <= longest && lengths[len] && find(text.hashCode(), text, 0, len);
        }
        int h = 0;
        int pow = 1;
        for (int n = 1, end = Math.min(len, longest); n <= end; n++) {
            if (shape == Shape.PREFIX) {
                h = 31 * h + text.charAt(n - 1);
                if (lengths[n] && find(h, text, 0, n)) return true;
            } else {
                h += text.charAt(len - n) * pow; // the hash of the last n characters, grown at its front
                pow *= 31;
                if (lengths[n] && find(h, text, len - n, n)) return true;
            }
        }
        return false;
    }

    private boolean find(int hash, String text, int from, int n) {
        int mask = table.length - 1;
        for (int slot = hash & mask; table[slot] != 0; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash) {
                String v = values[table[slot] - 1];
                if (v.length() == n && text.regionMatches(from, v, 0, n)) return true;
            }
        }
        return false;
    }
}
