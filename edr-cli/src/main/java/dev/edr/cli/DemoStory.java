package dev.edr.cli;

import dev.edr.core.engine.Detection;
import dev.edr.core.event.Event;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The guided text of {@code edr demo}: a timeline of detections, then the attack told by ATT&CK tactic. */
final class DemoStory {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** ATT&CK tactics in kill-chain order, as Sigma tags spell them. */
    private static final List<String> TACTICS = List.of("initial-access", "execution", "persistence",
            "privilege-escalation", "defense-evasion", "credential-access", "discovery", "lateral-movement",
            "collection", "command-and-control", "exfiltration", "impact");

    private DemoStory() {}

    static void print(PrintWriter out, int rules, ScanStats stats, List<DemoCommand.Found> found) {
        Set<String> hosts = new LinkedHashSet<>();
        found.forEach(f -> hosts.add(host(f.detection().event())));
        out.println("EDR Engine demo: a short intrusion, replayed");
        out.println("=".repeat(44));
        out.printf(Locale.ROOT, "%d Windows events (Sysmon, Security, System logs) from a workstation and a file server,%n", stats.events);
        out.printf(Locale.ROOT, "checked against %d bundled starter rules (Sigma, in edr-rules-stdlib).%n%n", rules);
        out.println("Timeline of detections (UTC)");
        out.println("-".repeat(28));
        for (DemoCommand.Found f : found) {
            Detection d = f.detection();
            Event e = d.event();
            out.printf(Locale.ROOT, "%s  %-12s %-8s %s%n", e.time() == null ? "--:--:--" : CLOCK.format(e.time()),
                    Escape.text(host(e)), d.level() == null ? "" : d.level().toUpperCase(Locale.ROOT), Escape.text(d.title()));
            String why = firstSentence(d.rule().description());
            if (!why.isEmpty()) {
                out.println("          why:  " + Escape.text(why));
            }
            String what = d.isCorrelation() ? correlated(d.correlation()) : evidence(e);
            if (!what.isEmpty()) {
                out.println("          what: " + Escape.text(what));
            }
            dev.edr.core.engine.EventRef src = DetectionWriter.sourceOf(f.record(), d);
            out.printf("          rule: %s  event: %s#%d%n", d.id(), Escape.text(src.file()), src.index());
        }
        out.println();
        out.println("The attack, by ATT&CK tactic");
        out.println("-".repeat(28));
        Map<String, Set<String>> byTactic = new LinkedHashMap<>();
        for (String tactic : TACTICS) {
            for (DemoCommand.Found f : found) {
                if (f.detection().tags().contains("attack." + tactic)) {
                    byTactic.computeIfAbsent(tactic, k -> new LinkedHashSet<>())
                            .add(f.detection().title() + " (" + host(f.detection().event()) + ")");
                }
            }
        }
        int step = 1;
        for (Map.Entry<String, Set<String>> e : byTactic.entrySet()) {
            out.printf("%2d. %s%n", step++, e.getKey().replace('-', ' '));
            for (String s : e.getValue()) {
                out.println("      - " + Escape.text(s));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%d detections on %d host%s: %s.%n", found.size(), hosts.size(), hosts.size() == 1 ? "" : "s",
                Escape.text(String.join(", ", hosts)));
    }

    static void next(PrintWriter out) {
        out.println();
        out.println("Next: `./edr scan --rules <your rules and playbooks> --events <your events> --respond` does the same on");
        out.println("      your data (add --adapters FILE to act through real adapters, --journal FILE to approve later);");
        out.println("      `./edr demo --format jsonl` shows the machine-readable detections and action decisions.");
    }

    private static String host(Event e) {
        String h = e.host() == null ? "?" : e.host();
        int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }

    private static String firstSentence(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip().replaceAll("\\s+", " ");
        int end = t.indexOf(". ");
        return end > 0 ? t.substring(0, end + 1) : t;
    }

    private static String correlated(dev.edr.core.engine.CorrelationInfo c) {
        StringBuilder b = new StringBuilder();
        c.group().forEach((k, v) -> b.append(b.length() == 0 ? "" : "  ").append(k).append('=').append(v));
        return b + "  (" + c.type().sigmaName() + ": " + c.valueName() + " " + c.value().toPlainString() + " over "
                + c.events().size() + " events)";
    }

    private static String evidence(Event e) {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("ParentImage", "Image", "CommandLine", "TargetImage", "GrantedAccess", "SourceImage",
                "TargetFilename", "DestinationIp", "TargetUserName", "SubjectUserName", "AuthenticationPackageName",
                "IpAddress", "ServiceName", "ImagePath")) {
            Object v = e.get(f);
            if (v == null || "-".equals(v)) {
                continue;
            }
            String s = String.valueOf(v);
            if (f.endsWith("Image") || f.equals("TargetFilename") || f.equals("ImagePath")) {
                s = s.substring(Math.max(s.lastIndexOf('\\') + 1, 0));
            }
            if (s.length() > 70) {
                s = s.substring(0, 67) + "...";
            }
            b.append(b.length() == 0 ? "" : "  ").append(f).append('=').append(s);
            if (b.length() > 110) {
                break;
            }
        }
        return b.toString();
    }
}
