package dev.edr.cli;

import dev.edr.core.response.ActionState;
import dev.edr.core.response.AuditEntry;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the response audit trail: as JSON Lines ({@code {"action": {"type", "target", "rule", "key", "state",
 * ...}}}, one per decision) or as one readable line each. Also the one-line summary for stderr.
 */
final class ActionWriter {
    private ActionWriter() {}

    static void write(PrintWriter out, List<AuditEntry> trail, boolean jsonl) {
        for (AuditEntry e : trail) {
            out.println(jsonl ? e.toJson() : text(e));
        }
    }

    static String text(AuditEntry e) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "action %-18s %-34s %-25s", e.type().wireName(),
                Escape.text(e.target() == null ? "-" : e.target()), e.state().wireName()));
        b.append(" rule=").append(Escape.text(String.valueOf(e.ruleId())));
        if (e.key() != null) {
            b.append(" key=").append(e.key());
        }
        if (!e.detail().isEmpty()) {
            b.append(" (").append(Escape.text(e.detail())).append(')');
        }
        if (e.approvedBy() != null) {
            b.append(" approved_by=").append(Escape.text(e.approvedBy()));
        }
        return b.toString();
    }

    /** The last entry of each action (entries without a key, skipped actions, count on their own), in order. */
    static List<AuditEntry> latest(List<AuditEntry> trail) {
        Map<Object, AuditEntry> last = new LinkedHashMap<>();
        for (int i = 0; i < trail.size(); i++) {
            AuditEntry e = trail.get(i);
            Object id = e.key() == null ? i : e.key();
            // a duplicate names the key of the action it repeats: keep the action's own state
            if (e.state() == ActionState.SUPPRESSED_DUPLICATE || e.state() == ActionState.DROPPED_OVERFLOW) {
                id = "#" + i;
            }
            last.put(id, e);
        }
        return List.copyOf(last.values());
    }

    /** {@code 4 action decisions: accepted 2, pending_approval 1, suppressed_duplicate 1}. */
    static String summary(List<AuditEntry> trail) {
        Map<String, Integer> byState = new TreeMap<>();
        List<AuditEntry> latest = latest(trail);
        latest.forEach(e -> byState.merge(e.state().wireName(), 1, Integer::sum));
        StringBuilder b = new StringBuilder();
        b.append(latest.size()).append(latest.size() == 1 ? " action" : " actions");
        String sep = ": ";
        for (Map.Entry<String, Integer> s : byState.entrySet()) {
            b.append(sep).append(s.getKey()).append(' ').append(s.getValue());
            sep = ", ";
        }
        return b.toString();
    }
}
