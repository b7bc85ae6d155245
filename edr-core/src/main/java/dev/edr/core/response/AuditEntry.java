package dev.edr.core.response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit trail: what (type, target, params), why (rule, event, reason), what happened (state,
 * detail, vendor reference, attempt, adapter) and who approved it. {@code key} and {@code target} are
 * {@code null} only for {@link ActionState#SKIPPED_MISSING_PARAMETER}, where no action could be built.
 */
public record AuditEntry(
        Instant time,
        String key,
        ActionType type,
        String target,
        Map<String, String> params,
        String ruleId,
        String ruleTitle,
        EventRef event,
        String reason,
        ActionState state,
        String detail,
        String reference,
        String approvedBy,
        int attempt,
        String adapter) {

    /** Where the triggering event came from; any part may be {@code null} (index -1). */
    public record EventRef(String file, long index, String host, Instant time) {}

    private static final JsonFactory JSON = new JsonFactory();

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        params = Map.copyOf(params);
        detail = detail == null ? "" : detail;
        reason = reason == null ? "" : reason;
    }

    /**
     * One JSON object, no newline: {@code {"action": {"type", "target", "rule", "key", "state", ...}}}. This is the
     * line {@code edr scan --respond} prints and the audit log stores.
     */
    public String toJson() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("action");
            g.writeStringField("type", type.wireName());
            g.writeStringField("target", target);
            g.writeStringField("rule", ruleId);
            g.writeStringField("key", key);
            g.writeStringField("state", state.wireName());
            g.writeStringField("time", time.toString());
            g.writeObjectFieldStart("params");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(params).entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            optional(g, "rule_title", ruleTitle);
            optional(g, "reason", reason.isEmpty() ? null : reason);
            optional(g, "detail", detail.isEmpty() ? null : detail);
            optional(g, "reference", reference);
            optional(g, "approved_by", approvedBy);
            if (attempt > 0) {
                g.writeNumberField("attempt", attempt);
            }
            optional(g, "adapter", adapter);
            if (event != null) {
                g.writeObjectFieldStart("event");
                optional(g, "file", event.file());
                if (event.index() >= 0) {
                    g.writeNumberField("index", event.index());
                }
                optional(g, "host", event.host());
                optional(g, "time", event.time() == null ? null : event.time().toString());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void optional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
