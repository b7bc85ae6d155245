package dev.edr.cli;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Counters of one scan, for progress lines and the closing summary. Single-threaded. */
final class ScanStats {
    long events;
    long badRecords;
    long detections;
    int files;
    final Map<String, Long> byLevel = new TreeMap<>();
    private final long startNanos = System.nanoTime();

    void detection(String level) {
        detections++;
        byLevel.merge(level == null ? "none" : level.toLowerCase(Locale.ROOT), 1L, Long::sum);
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String summary() {
        double s = seconds();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%,d events from %d file%s in %.2f s (%,.0f events/s); %,d bad records; %,d detections",
                events, files, files == 1 ? "" : "s", s, s > 0 ? events / s : 0.0, badRecords, detections));
        if (!byLevel.isEmpty()) {
            b.append(": ");
            String[] order = {"critical", "high", "medium", "low", "informational", "none"};
            boolean first = true;
            for (String level : order) {
                Long n = byLevel.get(level);
                if (n != null) {
                    b.append(first ? "" : ", ").append(level).append(' ').append(String.format(Locale.ROOT, "%,d", n));
                    first = false;
                }
            }
            for (Map.Entry<String, Long> e : byLevel.entrySet()) {
                if (!java.util.Arrays.asList(order).contains(e.getKey())) {
                    b.append(first ? "" : ", ").append(Escape.text(e.getKey())).append(' ').append(e.getValue());
                    first = false;
                }
            }
        }
        return b.toString();
    }
}
