package dev.edr.dsl.internal.document;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.response.RuleResponse;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaDocument;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.response.ResponseParser;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the {@code response:} block of a rule or correlation. For a detection rule, {@code %Field%} references
 * are checked against the fields the rule itself names (its detection and its {@code fields:} list): a reference
 * outside them is a warning, since the events may still carry it.
 */
final class RuleResponses {
    private RuleResponses() {}

    /** The parsed block, or {@code null} when there is none or it had an error (reported). */
    static RuleResponse read(YMap root, SigmaDocument built, Diagnostics diag) {
        YNode node = root.get("response");
        if (node == null) {
            return null;
        }
        if (!hasText(root, "id") && !hasText(root, "name")) {
            // playbooks and the dispatcher find a rule by its id or name; without either the block could never fire
            diag.error(IssueCode.MISSING_ATTRIBUTE, root.keyNode("response").location(),
                    "a document with a 'response' block needs an 'id' or a 'name' to be answered by it");
        }
        int errors = diag.errorCount();
        RuleResponse response = ResponseParser.parse(node, diag,
                built instanceof SigmaRule rule ? knownFields(rule) : null).orElse(null);
        return diag.errorCount() > errors ? null : response;
    }

    private static boolean hasText(YMap root, String key) {
        return root.get(key) instanceof YScalar s && !s.isNull() && !s.text().isBlank();
    }

    static Set<String> knownFields(SigmaRule rule) {
        Set<String> fields = new HashSet<>(rule.meta().fields());
        rule.detection().selections().values().forEach(s -> collect(s, fields));
        return fields;
    }

    private static void collect(Selection s, Set<String> out) {
        if (s instanceof Selection.AllOf all) {
            all.items().forEach(i -> collect(i, out));
        } else if (s instanceof Selection.AnyOf any) {
            any.items().forEach(i -> collect(i, out));
        } else if (s instanceof Selection.FieldMatch f && f.field() != null) {
            out.add(f.field());
            f.values().forEach(v -> collect(v, out));
        }
    }

    private static void collect(ValueMatch v, Set<String> out) {
        if (v instanceof ValueMatch.FieldRef ref) {
            out.add(ref.otherField());
        } else if (v instanceof ValueMatch.TimePart t) {
            collect(t.inner(), out);
        } else if (v instanceof ValueMatch.AnyOf any) {
            any.alternatives().forEach(a -> collect(a, out));
        }
    }
}
