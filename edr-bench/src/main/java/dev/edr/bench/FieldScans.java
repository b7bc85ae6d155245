package dev.edr.bench;

import dev.edr.core.event.Event;
import dev.edr.core.internal.prefilter.CandidateIndex;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The prefilter's scans of field texts alone: every distinct text of each rule field in the dataset, scanned again
 * and again (warm, nothing remembered), as a session scans the texts it has not seen. {@code Profile fields} prints
 * rounds of it; {@code Interleave} with {@code -Dmode=fields} compares builds with it in one JVM.
 */
public final class FieldScans {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    /** Fields with at least this many characters of distinct texts are reported on their own. */
    private static final long REPORTED_CHARS = 20_000;

    private final CandidateIndex index;
    private final Map<Integer, String[]> texts = new TreeMap<>();
    /** Per field, the characters of its distinct texts. */
    private final Map<Integer, Long> chars = new TreeMap<>();
    /** Atoms found, counted so that the scans are not optimized away. */
    private long atoms;

    public FieldScans() {
        index = Profile.Prefilter.of(BenchData.windowsPack()).index();
        Map<Integer, LinkedHashSet<String>> distinct = new TreeMap<>();
        for (Event e : BenchData.normalizedEvents()) {
            e.fields().forEach((key, value) -> {
                if (value instanceof String s) {
                    for (int f : index.fieldIds(key)) distinct.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(s);
                }
            });
        }
        distinct.forEach((f, set) -> {
            texts.put(f, set.toArray(String[]::new));
            chars.put(f, set.stream().mapToLong(String::length).sum());
        });
    }

    /**
     * One round: each field's distinct texts scanned {@code passes} times. Returns CPU nanoseconds per character,
     * first of all fields together ({@code "all"}), then of each field with much text, by name.
     */
    public Map<String, Double> round(int passes) {
        Map<String, Double> perChar = new LinkedHashMap<>();
        long allChars = 0;
        long allNanos = 0;
        Map<String, Double> fields = new LinkedHashMap<>();
        for (Map.Entry<Integer, String[]> entry : texts.entrySet()) {
            int f = entry.getKey();
            long n = chars.get(f);
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (int pass = 0; pass < passes; pass++) {
                for (String text : entry.getValue()) index.scan(f, text, atom -> atoms++);
            }
            long nanos = (THREADS.getCurrentThreadCpuTime() - cpu) / passes;
            allChars += n;
            allNanos += nanos;
            if (n >= REPORTED_CHARS) fields.put(index.fieldName(f), nanos / (double) n);
        }
        perChar.put("all", allNanos / (double) allChars);
        perChar.putAll(fields);
        return perChar;
    }

    /** Characters of distinct texts per reported field, and their count, for a header line. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        long all = 0;
        for (Map.Entry<Integer, String[]> entry : texts.entrySet()) {
            long n = chars.get(entry.getKey());
            all += n;
            if (n >= REPORTED_CHARS) {
                b.append(String.format("  %-20s %5d texts %7d characters%n", index.fieldName(entry.getKey()),
                        entry.getValue().length, n));
            }
        }
        return String.format("%d characters of distinct field texts%n", all) + b;
    }
}
