package dev.edr.dsl.response;

import dev.edr.core.diag.IssueCode;
import dev.edr.core.diag.SourceLocation;
import dev.edr.core.response.ActionTemplate;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.ParamTemplate;
import dev.edr.dsl.internal.Diagnostics;
import dev.edr.dsl.internal.yaml.YMap;
import dev.edr.dsl.internal.yaml.YNode;
import dev.edr.dsl.internal.yaml.YScalar;
import dev.edr.dsl.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import dev.edr.dsl.internal.EditDistance;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts shared by rule {@code response:} blocks and playbook documents: the action list, parameters,
 * approval and dry-run flags. Every problem becomes a located issue; an action with an issue is left out, and the
 * caller drops the whole block when any error was reported, so nothing half-understood ever runs.
 */
final class ActionsReader {
    static final Set<String> ACTION_KEYS = Set.of("type", "params", "approval");

    /** Which actions need approval: all of them, or those of the listed types. */
    record Approval(boolean all, Set<ActionType> types) {
        static final Approval NONE = new Approval(false, Set.of());

        boolean covers(ActionType t) {
            return all || types.contains(t);
        }
    }

    private final Diagnostics d;
    private final Set<String> knownFields;

    ActionsReader(Diagnostics d, Set<String> knownFields) {
        this.d = d;
        this.knownFields = knownFields == null ? null
                : knownFields.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    YMap map(YNode n, String what) {
        if (n instanceof YMap m) {
            return m;
        }
        d.error(IssueCode.NOT_A_MAPPING, n.location(), what + " must be a mapping, not a " + n.typeName());
        return null;
    }

    void onlyKeys(YMap m, Set<String> allowed, String what) {
        for (YMap.Entry e : m.entries()) {
            if (!allowed.contains(e.key().text())) {
                d.error(IssueCode.INVALID_ATTRIBUTE, e.key().location(), "unknown key '" + e.key().text() + "' in "
                        + what + "; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    /** {@code null} (with an error) when the node is not a boolean. */
    Boolean bool(YNode n, String what) {
        if (n instanceof YScalar s && s.value() instanceof Boolean b) {
            return b;
        }
        d.error(IssueCode.INVALID_ATTRIBUTE, n.location(), what + " must be true or false");
        return null;
    }

    /** A scalar or a list of scalars, as strings. */
    List<YScalar> scalars(YNode n, String what) {
        List<YNode> items = n instanceof YSeq seq ? seq.items() : List.of(n);
        List<YScalar> out = new ArrayList<>();
        for (YNode item : items) {
            if (item instanceof YScalar s && !s.isNull() && !s.text().isBlank()) {
                out.add(s);
            } else {
                d.error(IssueCode.INVALID_ATTRIBUTE, item.location(), what + " must be a non-empty text or a list of"
                        + " them");
            }
        }
        return out;
    }

    /** {@code approval: true|false} or {@code approval: [rotate_credential, ...]}. */
    Approval approval(YNode n) {
        if (n instanceof YScalar s && s.value() instanceof Boolean b) {
            return b ? new Approval(true, Set.of()) : Approval.NONE;
        }
        Set<ActionType> types = EnumSet.noneOf(ActionType.class);
        for (YScalar s : scalars(n, "approval")) {
            ActionType t = actionType(s);
            if (t != null) {
                types.add(t);
            }
        }
        return new Approval(false, types);
    }

    List<ActionTemplate> actions(YNode n, Approval approval) {
        if (!(n instanceof YSeq seq) || seq.items().isEmpty()) {
            d.error(IssueCode.INVALID_ATTRIBUTE, n.location(), "actions must be a non-empty list");
            return List.of();
        }
        List<ActionTemplate> out = new ArrayList<>();
        for (YNode item : seq.items()) {
            ActionTemplate t = action(item, approval);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private ActionTemplate action(YNode n, Approval approval) {
        YMap m = map(n, "an action");
        if (m == null) {
            return null;
        }
        int errors = d.errorCount();
        onlyKeys(m, ACTION_KEYS, "an action");
        YNode typeNode = m.get("type");
        if (typeNode == null) {
            d.error(IssueCode.MISSING_ATTRIBUTE, m.location(), "an action needs a 'type', one of " + typeNames());
            return null;
        }
        ActionType type = typeNode instanceof YScalar s ? actionType(s) : null;
        if (type == null) {
            if (!(typeNode instanceof YScalar)) {
                d.error(IssueCode.INVALID_ATTRIBUTE, typeNode.location(), "the action type must be a name");
            }
            return null;
        }
        boolean needsApproval = approval.covers(type);
        YNode own = m.get("approval");
        if (own != null) {
            Boolean b = bool(own, "an action's approval");
            needsApproval = needsApproval || Boolean.TRUE.equals(b);
        }
        Map<String, ParamTemplate> params = params(m.get("params"), type, m.location());
        return d.errorCount() > errors ? null : new ActionTemplate(type, params, needsApproval, m.location());
    }

    private Map<String, ParamTemplate> params(YNode n, ActionType type, SourceLocation actionAt) {
        Map<String, ParamTemplate> out = new LinkedHashMap<>();
        YMap m = n == null ? null : map(n, "params");
        if (m != null) {
            for (YMap.Entry e : m.entries()) {
                String name = e.key().text();
                if (type.param(name).isEmpty()) {
                    d.error(IssueCode.INVALID_ATTRIBUTE, e.key().location(), type.wireName() + " has no parameter '"
                            + name + "'; its parameters are " + type.params().stream().map(ActionType.Param::name)
                            .toList());
                    continue;
                }
                ParamTemplate t = param(e.value(), type.param(name).orElseThrow(), type);
                if (t != null) {
                    out.put(name, t);
                }
            }
        }
        for (ActionType.Param p : type.params()) {
            if (p.required() && p.defaultTemplate() == null && !out.containsKey(p.name())
                    && (m == null || m.get(p.name()) == null)) {
                d.error(IssueCode.MISSING_ATTRIBUTE, m != null ? m.location() : actionAt, type.wireName()
                        + " needs parameter '" + p.name() + "' (a constant or a %Field% reference)");
            }
        }
        return out;
    }

    private ParamTemplate param(YNode n, ActionType.Param spec, ActionType type) {
        if (!(n instanceof YScalar s) || s.isNull()) {
            d.error(IssueCode.INVALID_ATTRIBUTE, n.location(), "parameter '" + spec.name() + "' must be a single value"
                    + " (a constant or a %Field% reference)");
            return null;
        }
        if (!(s.value() instanceof String)) {
            // a YAML number or boolean is a constant as written
            ParamTemplate c = ParamTemplate.constant(s.text());
            return checkConstant(c, s, spec) ? c : null;
        }
        ParamTemplate.Parsed parsed = ParamTemplate.parse(s.text());
        if (parsed.error() != null) {
            d.error(IssueCode.INVALID_ATTRIBUTE, s.location().shift(0, s.contentColumnOffset()
                    + parsed.errorOffset()), "parameter '" + spec.name() + "': " + parsed.error());
            return null;
        }
        ParamTemplate t = parsed.template();
        if (t.isConstant()) {
            return checkConstant(t, s, spec) ? t : null;
        }
        if (knownFields != null) {
            for (ParamTemplate.Ref r : t.references()) {
                if (!r.isBuiltin() && !knownFields.contains(r.name().toLowerCase(Locale.ROOT))) {
                    int at = s.text().indexOf("%" + r.name() + "%");
                    d.warning(IssueCode.INVALID_ATTRIBUTE, s.location().shift(0, s.contentColumnOffset()
                            + Math.max(0, at)), "parameter '" + spec.name() + "' of " + type.wireName()
                            + " refers to field '" + r.name() + "', which this rule's events are not known to carry;"
                            + " the action is skipped when it is absent");
                }
            }
        }
        return t;
    }

    private boolean checkConstant(ParamTemplate t, YScalar s, ActionType.Param spec) {
        if (!spec.kind().accepts(t.constantText())) {
            d.error(IssueCode.INVALID_ATTRIBUTE, s.location(), "parameter '" + spec.name() + "' must be "
                    + (spec.kind() == ActionType.ParamKind.INTEGER ? "an integer" : "true or false") + ", not '"
                    + s.text() + "'");
            return false;
        }
        return true;
    }

    ActionType actionType(YScalar s) {
        ActionType t = ActionType.fromWireName(s.text()).orElse(null);
        if (t == null) {
            String near = closest(s.text());
            d.error(IssueCode.INVALID_ATTRIBUTE, s.location().shift(0, s.contentColumnOffset()),
                    "unknown action '" + s.text() + "'" + (near != null ? "; did you mean '" + near + "'?" : "")
                            + " Known actions: " + typeNames());
        }
        return t;
    }

    private static List<String> typeNames() {
        return Arrays.stream(ActionType.values()).map(ActionType::wireName).toList();
    }

    private static String closest(String name) {
        String best = null;
        int bestDistance = 4;
        for (String candidate : typeNames()) {
            int dist = EditDistance.between(name.toLowerCase(Locale.ROOT), candidate);
            if (dist < bestDistance) {
                best = candidate;
                bestDistance = dist;
            }
        }
        return best;
    }
}
