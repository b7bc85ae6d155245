package dev.edr.cli;

import dev.edr.core.event.EventReader;
import dev.edr.core.event.EventRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a response journal without opening it as a dispatcher: listing what awaits approval must not recover
 * (re-dispatch) anything. The journal is JSON Lines of {@code intent}, {@code approved}, {@code dispatched} and
 * {@code finished} records (README, "The journal"); unreadable lines (a torn last write) are skipped.
 */
final class JournalView {
    /** An intent held for approval: neither approved nor finished, and not a dry run. */
    record Pending(String key, String type, Map<String, Object> params, String ruleId, String ruleTitle,
            String reason, String since) {}

    private JournalView() {}

    @SuppressWarnings("unchecked")
    static List<Pending> pending(Path journal) {
        Map<String, Map<String, Object>> intents = new LinkedHashMap<>();
        try (Stream<EventRecord> records = EventReader.create().read(journal, issue -> { })) {
            records.forEach(r -> {
                Map<String, Object> rec = r.json();
                Object key = rec.get("key");
                if (!(key instanceof String k)) {
                    return;
                }
                switch (String.valueOf(rec.get("rec"))) {
                    case "intent" -> {
                        if (Boolean.TRUE.equals(rec.get("approval")) && !Boolean.TRUE.equals(rec.get("dry_run"))) {
                            intents.put(k, rec);
                        }
                    }
                    case "approved", "finished" -> intents.remove(k);
                    default -> { }
                }
            });
        }
        List<Pending> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : intents.entrySet()) {
            Map<String, Object> rec = e.getValue();
            Map<String, Object> rule = rec.get("rule") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            Map<String, Object> params = rec.get("params") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            out.add(new Pending(e.getKey(), String.valueOf(rec.get("type")), params, text(rule.get("id")),
                    text(rule.get("title")), text(rec.get("reason")), text(rec.get("time"))));
        }
        return out;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
