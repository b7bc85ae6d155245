package dev.edr.dsl.response;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.response.ActionTemplate;
import dev.edr.core.response.RuleResponse;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a rule's optional {@code response:} attribute (a custom attribute, so the rule stays valid Sigma):
 *
 * <pre>
 * response:
 *   approval: [rotate_credential]     # or true / false; optional
 *   dry_run: false                    # optional
 *   actions:
 *     - type: isolate_host            # host defaults to the detection's host
 *     - type: kill_process
 *       params: {pid: '%ProcessId%', tree: true}
 * </pre>
 *
 * A bare list of actions is accepted as shorthand for {@code actions:}. Returns empty when any error was reported:
 * a response block is all or nothing.
 */
public final class ResponseParser {
    static final Set<String> KEYS = Set.of("actions", "approval", "dry_run");

    private ResponseParser() {}

    /** Parses the value node of {@code response:}, with positions for every issue. */
    public static Optional<RuleResponse> parse(YNode node, Diagnostics d) {
        return parse(node, d, null);
    }

    /**
     * As {@link #parse(YNode, Diagnostics)}, also warning about {@code %Field%} references outside
     * {@code knownFields} (e.g. the rule's detection fields plus its {@code fields:} list), case-insensitively.
     */
    public static Optional<RuleResponse> parse(YNode node, Diagnostics d, Set<String> knownFields) {
        int errors = d.errorCount();
        ActionsReader r = new ActionsReader(d, knownFields);
        List<ActionTemplate> actions;
        boolean dryRun = false;
        if (node instanceof YSeq) {
            actions = r.actions(node, ActionsReader.Approval.NONE);
        } else {
            YMap m = r.map(node, "response");
            if (m == null) {
                return Optional.empty();
            }
            r.onlyKeys(m, KEYS, "response");
            ActionsReader.Approval approval = m.get("approval") == null ? ActionsReader.Approval.NONE
                    : r.approval(m.get("approval"));
            if (m.get("dry_run") != null) {
                dryRun = Boolean.TRUE.equals(r.bool(m.get("dry_run"), "dry_run"));
            }
            if (m.get("actions") == null) {
                d.error(IssueCode.MISSING_ATTRIBUTE, m.location(), "response needs 'actions'");
                return Optional.empty();
            }
            actions = r.actions(m.get("actions"), approval);
        }
        if (d.errorCount() > errors) {
            return Optional.empty();
        }
        return Optional.of(new RuleResponse(actions, dryRun, node.location()));
    }

    /**
     * Parses the plain Java value that {@code RuleMeta.custom().get("response")} holds, when no YAML nodes are at
     * hand. Those values carry no positions, so every issue is located at {@code at} (the rule's location).
     */
    public static Optional<RuleResponse> parse(Object customValue, SourceLocation at, Diagnostics d) {
        return parse(toNode(customValue, at), d, null);
    }

    static YNode toNode(Object v, SourceLocation at) {
        if (v instanceof Map<?, ?> m) {
            List<YMap.Entry> entries = new ArrayList<>();
            m.forEach((k, val) -> entries.add(new YMap.Entry(
                    new YScalar(String.valueOf(k), String.valueOf(k), YScalar.Style.PLAIN, at), toNode(val, at))));
            return new YMap(entries, at);
        }
        if (v instanceof List<?> l) {
            return new YSeq(l.stream().map(x -> toNode(x, at)).toList(), at);
        }
        return new YScalar(v == null ? "" : String.valueOf(v), v, YScalar.Style.PLAIN, at);
    }
}
