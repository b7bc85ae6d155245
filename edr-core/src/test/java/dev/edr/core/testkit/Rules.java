package dev.edr.core.testkit;

import dev.edr.core.diag.SourceLocation;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds rule-model objects tersely for tests (the Sigma loader is not used by core tests). */
public final class Rules {
    private Rules() {}

    public static SourceLocation at(String id) {
        return SourceLocation.of(id + ".yml", 1, 1);
    }

    /** A rule whose condition is the single selection {@code selection}. */
    public static SigmaRule rule(String id, LogSource ls, Selection selection) {
        return rule(id, ls, Map.of("selection", selection), new Condition.Ref("selection"));
    }

    public static SigmaRule rule(String id, LogSource ls, Map<String, Selection> selections, Condition condition) {
        return new SigmaRule(RuleMeta.of("Rule " + id, id, "high"), ls,
                new Detection(selections, condition, condition.toString()), at(id));
    }

    public static FilterRule filter(String id, LogSource ls, List<String> rules, Selection selection) {
        return new FilterRule(RuleMeta.of("Filter " + id, id, null), ls, rules,
                new Detection(Map.of("filter", selection), new Condition.Ref("filter"), "filter"), at(id));
    }

    public static Map<String, Selection> selections(Object... nameThenSelection) {
        Map<String, Selection> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSelection.length; i += 2) {
            m.put((String) nameThenSelection[i], (Selection) nameThenSelection[i + 1]);
        }
        return m;
    }

    public static LogSource ls(String product, String category, String service) {
        return new LogSource(product, category, service, null);
    }

    public static Selection.FieldMatch field(String name, ValueMatch... values) {
        return new Selection.FieldMatch(name, List.of(values), false, false, null);
    }

    public static Selection.FieldMatch fieldAll(String name, ValueMatch... values) {
        return new Selection.FieldMatch(name, List.of(values), true, false, null);
    }

    public static Selection.FieldMatch notField(String name, ValueMatch... values) {
        return new Selection.FieldMatch(name, List.of(values), false, true, null);
    }

    public static Selection.FieldMatch keywords(ValueMatch... values) {
        return new Selection.FieldMatch(null, List.of(values), false, false, null);
    }

    public static Selection.AllOf allOf(Selection... items) {
        return new Selection.AllOf(List.of(items));
    }

    public static Selection.AnyOf anyOf(Selection... items) {
        return new Selection.AnyOf(List.of(items));
    }

    /** Case-insensitive glob in Sigma notation ({@code *}, {@code ?}, backslash escapes). */
    public static ValueMatch.StringMatch s(String sigma) {
        return new ValueMatch.StringMatch(glob(sigma), false);
    }

    public static ValueMatch.StringMatch cased(String sigma) {
        return new ValueMatch.StringMatch(glob(sigma), true);
    }

    public static Glob glob(String sigma) {
        List<Glob.Segment> segs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sigma.length(); i++) {
            char c = sigma.charAt(i);
            if (c == '\\' && i + 1 < sigma.length() && "*?\\".indexOf(sigma.charAt(i + 1)) >= 0) {
                text.append(sigma.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (!text.isEmpty()) segs.add(new Glob.Text(text.toString()));
                text.setLength(0);
                segs.add(c == '*' ? Glob.Wildcard.MANY : Glob.Wildcard.ONE);
            } else {
                text.append(c);
            }
        }
        if (!text.isEmpty()) segs.add(new Glob.Text(text.toString()));
        return Glob.of(segs);
    }

    public static Condition ref(String id) {
        return new Condition.Ref(id);
    }

    public static Condition and(Condition... c) {
        return new Condition.And(List.of(c));
    }

    public static Condition or(Condition... c) {
        return new Condition.Or(List.of(c));
    }

    public static Condition not(Condition c) {
        return new Condition.Not(c);
    }
}
