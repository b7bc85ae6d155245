package dev.edr.core.internal.match;

import dev.edr.core.rule.Glob;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Identical predicates are compiled once per pack and shared by every rule that uses them: SigmaHQ rules repeat the
 * same items ({@code Image|endswith: '\powershell.exe'}, the same filter lists) hundreds of times, and one matcher
 * object instead of hundreds keeps the compiled pack small. Identity ignores source locations. Used while
 * compiling only; the predicates themselves are stateless, so sharing them is safe.
 *
 * <p>Keys hash once, and plain string values hash and compare by hand: the records' generated methods go through
 * method handles, which a cold JVM runs slowly, and a pack has tens of thousands of values.
 */
final class SharedPredicates {
    private static final class FieldKey {
        final String field;
        final List<ValueMatch> values;
        final boolean matchAll;
        final boolean negated;
        final int hash;

        FieldKey(String field, List<ValueMatch> values, boolean matchAll, boolean negated) {
            this.field = field;
            this.values = values;
            this.matchAll = matchAll;
            this.negated = negated;
            int h = Objects.hashCode(field) * 31 + (matchAll ? 2 : 0) + (negated ? 1 : 0);
            for (ValueMatch v : values) {
                h = h * 31 + hash(v);
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof FieldKey k) || k.hash != hash || k.matchAll != matchAll || k.negated != negated
                    || !Objects.equals(k.field, field) || k.values.size() != values.size()) {
                return false;
            }
            for (int i = 0; i < values.size(); i++) {
                if (!same(values.get(i), k.values.get(i))) return false;
            }
            return true;
        }
    }

    private static final class ValueKey {
        final ValueMatch value;
        final boolean keyword;
        final int hash;

        ValueKey(ValueMatch value, boolean keyword) {
            this.value = value;
            this.keyword = keyword;
            this.hash = hash(value) * 2 + (keyword ? 1 : 0);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ValueKey k && k.hash == hash && k.keyword == keyword && same(k.value, value);
        }
    }

    private final Map<FieldKey, EventPredicate> fields = new HashMap<>();
    private final Map<ValueKey, ValuePredicate> values = new HashMap<>();
    /** Lists of selection names, one instance per distinct list: most rules' are [selection]. */
    private final Map<List<String>, List<String>> names = new HashMap<>();

    EventPredicate fieldMatch(Selection.FieldMatch f, Supplier<EventPredicate> compile) {
        FieldKey key = new FieldKey(f.field(), f.values(), f.matchAll(), f.negated());
        EventPredicate p = fields.get(key);
        if (p == null) {
            p = compile.get(); // a failure propagates and caches nothing
            fields.put(key, p);
        }
        return p;
    }

    /** An immutable copy of {@code list}, the same instance for equal lists. */
    List<String> names(List<String> list) {
        return names.computeIfAbsent(List.copyOf(list), k -> k);
    }

    ValuePredicate value(ValueMatch v, boolean keyword) {
        ValueKey key = new ValueKey(v, keyword);
        ValuePredicate p = values.get(key);
        if (p == null) {
            p = ValuePredicates.compile(v, keyword);
            values.put(key, p);
        }
        return p;
    }

    /** A hash consistent with {@link #same}. */
    static int hash(ValueMatch v) {
        if (v instanceof ValueMatch.StringMatch s) {
            int h = s.cased() ? 1 : 0;
            for (Glob.Segment segment : s.glob().segments()) {
                h = h * 31 + (segment instanceof Glob.Text t ? Objects.hashCode(t.text()) : ((Glob.Wildcard) segment).ordinal());
            }
            return h;
        }
        return v.hashCode();
    }

    /** {@code a.equals(b)}, by hand for plain string values. */
    static boolean same(ValueMatch a, ValueMatch b) {
        if (a instanceof ValueMatch.StringMatch x && b instanceof ValueMatch.StringMatch y) {
            if (x.cased() != y.cased()) return false;
            List<Glob.Segment> xs = x.glob().segments();
            List<Glob.Segment> ys = y.glob().segments();
            if (xs.size() != ys.size()) return false;
            for (int i = 0; i < xs.size(); i++) {
                Glob.Segment p = xs.get(i);
                Glob.Segment q = ys.get(i);
                if (p instanceof Glob.Text t) {
                    if (!(q instanceof Glob.Text u) || !Objects.equals(t.text(), u.text())) return false;
                } else if (p != q) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
