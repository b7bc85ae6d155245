package dev.edr.dsl;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.ValueMatch;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.document.SectionParsers;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for the detection and condition parsers (built on other branches), so that loading can be
 * tested on its own. Selections: every identifier becomes one field match, except that an identifier named
 * {@code broken} is reported as invalid. Condition: identifiers joined by {@code or}; a {@code |} is reported
 * as a legacy aggregation and an unknown identifier as undefined, like the real parser does.
 */
enum StubSectionParsers implements SectionParsers {
    INSTANCE;

    @Override
    public Map<String, Selection> selections(YMap detection, Limits limits, Diagnostics diag) {
        Map<String, Selection> out = new LinkedHashMap<>();
        for (YMap.Entry e : detection.entries()) {
            if (e.key().text().equals("broken")) {
                diag.error(IssueCode.INVALID_DETECTION, e.key().location(), "broken on purpose");
                continue;
            }
            out.put(e.key().text(), new Selection.FieldMatch("Field", List.of(
                    new ValueMatch.StringMatch(Glob.literal(e.key().text()), false)), false, false, e.key().location()));
        }
        return out;
    }

    @Override
    public Condition condition(YNode condition, List<String> identifiers, Diagnostics diag) {
        if (!(condition instanceof YScalar s)) {
            diag.error(IssueCode.CONDITION_SYNTAX, condition.location(), "stub reads only scalar conditions");
            return null;
        }
        if (s.text().contains("|")) {
            diag.error(IssueCode.LEGACY_AGGREGATION, s.location(), "aggregation");
            return null;
        }
        List<Condition> refs = new ArrayList<>();
        for (String id : s.text().split(" or ")) {
            if (!identifiers.contains(id.trim())) {
                diag.error(IssueCode.UNDEFINED_IDENTIFIER, s.location(), "undefined " + id);
                return null;
            }
            refs.add(new Condition.Ref(id.trim()));
        }
        return refs.size() == 1 ? refs.get(0) : new Condition.Or(refs);
    }

    static RuleLoader loader() {
        return new YamlRuleLoader(Limits.DEFAULTS, INSTANCE);
    }
}
