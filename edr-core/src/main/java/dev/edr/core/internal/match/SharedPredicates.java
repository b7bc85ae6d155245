package dev.edr.core.internal.match;

import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Identical predicates are compiled once per pack and shared by every rule that uses them: SigmaHQ rules repeat the
 * same items ({@code Image|endswith: '\powershell.exe'}, the same filter lists) hundreds of times, and one matcher
 * object instead of hundreds keeps the compiled pack small. Identity ignores source locations. Used while
 * compiling only; the predicates themselves are stateless, so sharing them is safe.
 */
final class SharedPredicates {
    private record FieldKey(String field, List<ValueMatch> values, boolean matchAll, boolean negated) {}

    private record ValueKey(ValueMatch value, boolean keyword) {}

    private final Map<FieldKey, EventPredicate> fields = new HashMap<>();
    private final Map<ValueKey, ValuePredicate> values = new HashMap<>();

    EventPredicate fieldMatch(Selection.FieldMatch f, Supplier<EventPredicate> compile) {
        FieldKey key = new FieldKey(f.field(), f.values(), f.matchAll(), f.negated());
        EventPredicate p = fields.get(key);
        if (p == null) {
            p = compile.get(); // a failure propagates and caches nothing
            fields.put(key, p);
        }
        return p;
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
}
