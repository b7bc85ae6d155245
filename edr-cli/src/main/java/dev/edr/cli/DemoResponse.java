package dev.edr.cli;

import dev.edr.core.response.ActionState;
import dev.edr.core.response.AuditEntry;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The response part of {@code edr demo}: what was decided for each action and why, then the audit trail. */
final class DemoResponse {
    private DemoResponse() {}

    static void print(PrintWriter out, int playbooks, List<AuditEntry> trail) {
        out.println();
        out.println("Response");
        out.println("-".repeat(8));
        out.printf(Locale.ROOT, "%d bundled playbooks answered the detections. The adapters are the logging ones: "
                + "they write what%nthey would do and touch nothing, so an action carried out ends 'accepted' (logged "
                + "only), never 'succeeded'.%n%n", playbooks);
        for (AuditEntry e : ActionWriter.latest(trail)) {
            out.printf(Locale.ROOT, "%-19s %-31s %s%n", e.type().wireName(), Escape.text(String.valueOf(e.target())),
                    e.state().wireName());
            out.println("    rule: " + Escape.text(e.ruleTitle() == null ? String.valueOf(e.ruleId()) : e.ruleTitle()));
            out.println("    why:  " + Escape.text(why(e)));
        }
        out.println();
        out.println("Audit trail (every decision, in order; `--format jsonl` prints it as JSON lines)");
        int n = 1;
        for (AuditEntry e : trail) {
            out.printf(Locale.ROOT, "%3d. %-21s %-19s %-31s key %s%n", n++, e.state().wireName(), e.type().wireName(),
                    Escape.text(String.valueOf(e.target())), e.key() == null ? "-" : e.key().substring(0, 12));
        }
    }

    private static String why(AuditEntry e) {
        String detail = e.state() == ActionState.PENDING_APPROVAL
                ? "held until a person approves it (with --journal FILE: `edr respond approve KEY --journal FILE "
                        + "--who NAME`)"
                : e.detail();
        return e.reason() + (detail.isEmpty() ? "" : "; " + detail);
    }
}
