package dev.edr.core.reference;

import dev.edr.core.diag.SourceLocation;
import dev.edr.core.event.Event;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.Detection;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RuleMeta;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates random rule packs and events over a small shared vocabulary, so that matches are frequent and
 * every matcher shape, modifier and absent/null/list/map case is exercised.
 */
final class RandomRules {
    static final String[] FIELDS = {"Image", "CommandLine", "User", "EventID", "Hashes", "DestinationIp", "UtcTime",
            "Flag", "Obj", "Missing"};
    private static final String[] TOKENS = {"cmd", "CMD", "exe", ".", "\\", "-", "/", "a", "B", "ab", "Ä", "ä", "ß",
            "İ", "\uD83D\uDE00", " ", "x", "powershell", "-enc", "4688", "1", "10", "\n", "é", "ΣΟΦ", "σοφ"};
    private static final String[] IPS = {"10.1.2.3", "10.200.0.1", "192.168.1.10", "8.8.8.8", "::1", "2001:db8::5",
            "::ffff:10.1.2.3", "fe80::1", "not-an-ip", "10.1.2"};
    private static final String[] CIDRS = {"10.0.0.0/8", "10.1.2.0/24", "192.168.0.0/16", "0.0.0.0/0", "::/0",
            "2001:db8::/32", "fe80::/10", "8.8.8.8"};
    private static final String[] DATES = {"2019-08-14 14:06:44.495674", "2025-11-27T07:40:10.132Z",
            "2025-11-27T01:40:10+02:00", "2021-01-03", "2024-02-29T23:59:59-0130", "2019-02-30 10:00:00", "yesterday"};
    /** RE2 and java.util.regex agree on these; '$' is added only in multi-line mode (without it Java's '$' also matches before a final newline, RE2's does not). */
    private static final String[] REGEXES = {"ab", "a.b", "^cmd", "c[a-d]d", "(exe|ab)", "[0-9]+", "a{2}", "e.e",
            "^", "x\\.", "-e(nc)?", "[^a]b", "\\d\\d", "b.*a"};
    private static final LogSource[] LOGSOURCES = {LogSource.ANY, new LogSource("windows", null, null, null),
            new LogSource("windows", "process_creation", null, null), new LogSource(null, "process_creation", null, null),
            new LogSource("windows", null, "sysmon", null), new LogSource("linux", "process_creation", null, null),
            new LogSource("Windows", "Process_Creation", "Sysmon", null)};

    private final Random rnd;

    RandomRules(long seed) {
        this.rnd = new Random(seed);
    }

    RulePack pack(int ruleCount) {
        List<SigmaRule> rules = new ArrayList<>();
        for (int i = 0; i < ruleCount; i++) {
            String id = "r" + i;
            RuleMeta meta = new RuleMeta("Rule " + i, id, rnd.nextInt(4) == 0 ? "name" + i : null, List.of(), null,
                    null, null, null, List.of(), null, null, null, List.of(), List.of(), List.of(), "medium",
                    List.of(), Map.of());
            rules.add(new SigmaRule(meta, pick(LOGSOURCES), detection(), SourceLocation.of(id + ".yml", 1, 1)));
        }
        List<FilterRule> filters = new ArrayList<>();
        int filterCount = rnd.nextInt(3);
        for (int i = 0; i < filterCount; i++) {
            List<String> names = new ArrayList<>();
            for (int k = 0; k <= rnd.nextInt(2); k++) {
                int target = rnd.nextInt(ruleCount);
                names.add(rnd.nextBoolean() || rules.get(target).meta().name() == null ? "r" + target : "name" + target);
            }
            Detection d = new Detection(Map.of("filter", selection(1)), new Condition.Ref("filter"), "filter");
            filters.add(new FilterRule(RuleMeta.of("Filter " + i, "f" + i, null), pick(LOGSOURCES), names, d,
                    SourceLocation.of("f" + i + ".yml", 1, 1)));
        }
        return new RulePack(rules, List.of(), filters, List.of());
    }

    private Detection detection() {
        Map<String, Selection> sels = new LinkedHashMap<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            sels.put("sel" + i, selection(0));
        }
        return new Detection(sels, condition(new ArrayList<>(sels.keySet()), 0), "generated");
    }

    private Condition condition(List<String> names, int depth) {
        int kind = depth >= 2 ? 0 : rnd.nextInt(4);
        return switch (kind) {
            case 0 -> new Condition.Ref(pick(names.toArray(String[]::new)));
            case 1 -> new Condition.Not(condition(names, depth + 1));
            case 2 -> new Condition.And(List.of(condition(names, depth + 1), condition(names, depth + 1)));
            default -> new Condition.Or(List.of(condition(names, depth + 1), condition(names, depth + 1)));
        };
    }

    private Selection selection(int depth) {
        int kind = depth >= 2 ? 0 : rnd.nextInt(5);
        if (kind == 3 || kind == 4) {
            List<Selection> items = new ArrayList<>();
            for (int i = 0; i <= rnd.nextInt(3); i++) items.add(selection(depth + 1));
            return kind == 3 ? new Selection.AllOf(items) : new Selection.AnyOf(items);
        }
        boolean keyword = rnd.nextInt(8) == 0;
        List<ValueMatch> values = new ArrayList<>();
        for (int i = 0; i <= rnd.nextInt(3); i++) values.add(keyword ? keywordValue() : value(0));
        return new Selection.FieldMatch(keyword ? null : pick(FIELDS), values, rnd.nextInt(5) == 0,
                rnd.nextInt(5) == 0, null);
    }

    private ValueMatch keywordValue() {
        return switch (rnd.nextInt(12)) {
            case 0 -> new ValueMatch.RegexMatch(pick(REGEXES), rnd.nextBoolean(), false, false);
            case 1 -> new ValueMatch.AnyOf(List.of(string(), string()));
            case 2 -> new ValueMatch.Exists(true); // rejected: keywords have no field
            default -> string();
        };
    }

    private ValueMatch value(int depth) {
        return switch (rnd.nextInt(depth > 0 ? 6 : 16)) {
            case 0, 1, 2, 3 -> string();
            case 4 -> {
                boolean m = rnd.nextBoolean();
                String re = pick(REGEXES);
                // Java's multi-line '^' never matches at the end of input, RE2's does: keep '^' out of that mode
                String pattern = m ? re.replace("^", "") + "$" : re;
                yield new ValueMatch.RegexMatch(pattern, rnd.nextBoolean(), m, rnd.nextBoolean());
            }
            case 5 -> new ValueMatch.NumberCompare(pick(ValueMatch.Comparison.values()),
                    pick(new BigDecimal[] {BigDecimal.valueOf(-1), BigDecimal.ZERO, BigDecimal.TEN,
                            new BigDecimal("4688"), new BigDecimal("2.5"), new BigDecimal("14")}));
            case 6 -> new ValueMatch.CidrMatch(pick(CIDRS));
            case 7 -> new ValueMatch.Exists(rnd.nextBoolean());
            case 8 -> new ValueMatch.IsNull();
            case 9 -> new ValueMatch.BoolMatch(rnd.nextBoolean());
            case 10 -> new ValueMatch.FieldRef(pick(FIELDS), pick(ValueMatch.Position.values()), rnd.nextBoolean());
            case 11 -> new ValueMatch.TimePart(pick(ValueMatch.TimeUnit.values()), value(1));
            case 12 -> new ValueMatch.AnyOf(List.of(value(1), value(1)));
            case 13 -> rnd.nextInt(6) == 0 ? new ValueMatch.Placeholder("ph") : string();
            default -> new ValueMatch.StringMatch(Glob.literal(pick(new String[] {"14", "8", "2019", "33", "7"})),
                    false);
        };
    }

    private ValueMatch.StringMatch string() {
        List<Glob.Segment> segs = new ArrayList<>();
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(6);
            segs.add(k == 0 ? Glob.Wildcard.MANY : k == 1 ? Glob.Wildcard.ONE : new Glob.Text(pick(TOKENS)));
        }
        if (rnd.nextInt(3) == 0) segs.add(0, Glob.Wildcard.MANY);
        if (rnd.nextInt(3) == 0) segs.add(Glob.Wildcard.MANY);
        return new ValueMatch.StringMatch(Glob.of(segs), rnd.nextInt(4) == 0);
    }

    Event event() {
        Map<String, Object> fields = new HashMap<>();
        for (String f : FIELDS) {
            if (rnd.nextInt(3) == 0) continue; // absent
            fields.put(rnd.nextInt(6) == 0 ? f.toLowerCase(java.util.Locale.ROOT) : f, fieldValue(f, 0));
        }
        return withLogSource(fields);
    }

    /**
     * An event of more than a dozen keys, whose field map shares its layout with earlier events' (the engine then
     * remembers per layout which keys to scan): the keys come from one of four fixed key sets, so later events repeat
     * them with other values; one set has lower-case keys, and one holds {@code CommandLine} twice, in two cases.
     */
    Event largeEvent() {
        int set = rnd.nextInt(4);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < FIELDS.length; i++) {
            String f = FIELDS[i];
            if (i % 2 == 0 && (set >> (i % 3) & 1) == 1) continue; // absent from this set
            fields.put(set == 3 && i < 3 ? f.toLowerCase(java.util.Locale.ROOT) : f, fieldValue(f, 0));
            if (set == 2 && f.equals("CommandLine")) fields.put("commandline", fieldValue(f, 0));
        }
        for (int p = 0; p < 8 + set; p++) fields.put("Pad" + p, text());
        return withLogSource(fields);
    }

    private Event withLogSource(Map<String, Object> fields) {
        Event.Builder b = Event.builder().fields(fields);
        switch (rnd.nextInt(5)) {
            case 0 -> { } // no logsource: every rule's logsource matches
            case 1 -> b.product("windows").categories(Set.of("process_creation")).services(Set.of("sysmon"));
            case 2 -> b.product("WINDOWS").categories(Set.of("process_creation"));
            case 3 -> b.product("linux").categories(new LinkedHashSet<>(List.of("process_creation", "network_connection")));
            default -> b.categories(Set.of("process_creation"));
        }
        if (rnd.nextInt(4) == 0) {
            b.original(Map.of("Event", Map.of("EventData", fields, "Extra", List.of(text(), rnd.nextInt(100)))));
        }
        return b.build();
    }

    private Object fieldValue(String field, int depth) {
        int kind = rnd.nextInt(depth > 0 ? 8 : 11);
        return switch (kind) {
            case 0, 1, 2 -> text();
            case 3 -> (long) pick(new Integer[] {4688, 1, 10, 14, -1, 0, 2019});
            case 4 -> pick(new Double[] {4688.0, 2.5, 10.0, -0.5, 14.0});
            case 5 -> rnd.nextBoolean() ? pick(IPS) : pick(DATES);
            case 6 -> pick(new String[] {"true", "FALSE", "10.5", "4688", "+14", "1e1", "0x10", ""});
            case 7 -> rnd.nextBoolean();
            case 8 -> null;
            case 9 -> Map.of("k", text());
            default -> {
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < 1 + rnd.nextInt(3); i++) l.add(fieldValue(field, depth + 1));
                yield l;
            }
        };
    }

    private String text() {
        StringBuilder b = new StringBuilder();
        for (int i = rnd.nextInt(6); i > 0; i--) b.append(pick(TOKENS));
        return b.toString();
    }

    private <T> T pick(T[] options) {
        return options[rnd.nextInt(options.length)];
    }
}
