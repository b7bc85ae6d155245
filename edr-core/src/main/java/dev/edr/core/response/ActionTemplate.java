package dev.edr.core.response;

import dev.edr.core.diag.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One action of a playbook with its parameters still templates. {@link #resolve} fills them from a detection and
 * yields either a complete action or the reason there is none: never a half-filled action.
 */
public record ActionTemplate(ActionType type, Map<String, ParamTemplate> params, boolean requireApproval,
        SourceLocation location) {

    /** Exactly one of the two is non-null. */
    public record Resolved(ResponseAction action, String problem) {}

    public ActionTemplate {
        Objects.requireNonNull(type, "type");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        location = location == null ? SourceLocation.UNKNOWN : location;
        for (String name : params.keySet()) {
            if (type.param(name).isEmpty()) {
                throw new IllegalArgumentException(type.wireName() + " has no parameter '" + name + "'");
            }
        }
    }

    public Resolved resolve(Trigger trigger) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ActionType.Param spec : type.params()) {
            ParamTemplate template = params.get(spec.name());
            if (template == null && spec.defaultTemplate() != null) {
                template = ParamTemplate.parse(spec.defaultTemplate()).template();
            }
            if (template == null) {
                if (spec.required()) {
                    return new Resolved(null, "missing parameter '" + spec.name() + "'");
                }
                continue;
            }
            ParamTemplate.Rendered r = template.render(trigger);
            if (!r.ok()) {
                if (!spec.required()) {
                    continue; // an optional refinement the event cannot supply: act without it
                }
                return new Resolved(null, "missing parameter '" + spec.name() + "': " + r.problem());
            }
            if (!spec.kind().accepts(r.value())) {
                return new Resolved(null, "invalid parameter '" + spec.name() + "': '" + r.value() + "' is not "
                        + (spec.kind() == ActionType.ParamKind.INTEGER ? "an integer" : "a boolean"));
            }
            values.put(spec.name(), r.value());
        }
        try {
            return new Resolved(ResponseAction.of(type, values), null);
        } catch (IllegalArgumentException e) {
            return new Resolved(null, "invalid parameters: " + e.getMessage());
        }
    }
}
