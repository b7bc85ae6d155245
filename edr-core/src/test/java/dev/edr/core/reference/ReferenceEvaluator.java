package dev.edr.core.reference;

import dev.edr.core.event.Event;
import dev.edr.core.rule.Condition;
import dev.edr.core.rule.FilterRule;
import dev.edr.core.rule.Glob;
import dev.edr.core.rule.LogSource;
import dev.edr.core.rule.RulePack;
import dev.edr.core.rule.Selection;
import dev.edr.core.rule.SigmaRule;
import dev.edr.core.rule.ValueMatch;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately naive interpreter of the rule model, written without the engine's matchers: globs become
 * java.util.regex patterns, values are flattened by plain recursion, IPs go through InetAddress (behind a
 * literal-only guard), dates through a regex and java.time. Slow and obviously correct; the differential test
 * holds the engine to it.
 */
public final class ReferenceEvaluator {
    /** One expected detection. */
    public record Hit(String ruleId, List<String> matchedSelections) {}

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6ISH = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?)?([Zz]|[+-]\\d{2}(?::?\\d{2})?)?");

    /** Compiling is the slow part of java.util.regex; the cache keeps the corpus differential test short. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Map<ValueMatch.StringMatch, Pattern> GLOBS = new ConcurrentHashMap<>();

    private final RulePack pack;
    private final Map<SigmaRule, Boolean> accepted = new java.util.IdentityHashMap<>();

    public ReferenceEvaluator(RulePack pack) {
        this.pack = pack;
        for (SigmaRule r : pack.rules()) accepted.put(r, decideAcceptance(r));
    }

    private static Pattern glob(ValueMatch.StringMatch s) {
        return GLOBS.computeIfAbsent(s, k -> Pattern.compile(globRegex(k.glob(), !k.cased()), Pattern.DOTALL));
    }

    /** Whether the engine is expected to accept the rule (reject: unresolved placeholders, bad keyword tests, bad filters). */
    public boolean accepts(SigmaRule rule) {
        Boolean known = accepted.get(rule);
        return known != null ? known : decideAcceptance(rule);
    }

    private static Pattern pattern(String regex, int flags) {
        return PATTERNS.computeIfAbsent(flags + ":" + regex, k -> Pattern.compile(regex, flags));
    }

    private boolean decideAcceptance(SigmaRule rule) {
        if (!detectionSupported(rule.detection())) return false;
        for (FilterRule f : pack.filters()) {
            if (names(f, rule) && !detectionSupported(f.filter())) return false;
        }
        return true;
    }

    public List<Hit> evaluate(Event event) {
        List<Hit> hits = new ArrayList<>();
        for (SigmaRule r : pack.rules()) {
            if (!logsourceMatches(r.logsource(), event) || !accepts(r)) continue;
            Map<String, Selection> sels = r.detection().selections();
            if (!cond(r.detection().condition(), sels, event)) continue;
            boolean suppressed = false;
            for (FilterRule f : pack.filters()) {
                if (names(f, r) && logsourceMatches(f.logsource(), event)
                        && cond(f.filter().condition(), f.filter().selections(), event)) {
                    suppressed = true;
                }
            }
            if (suppressed) continue;
            List<String> used = new ArrayList<>();
            collectRefs(r.detection().condition(), used);
            List<String> matched = new ArrayList<>();
            for (String name : sels.keySet()) {
                if (used.contains(name) && selection(sels.get(name), event)) matched.add(name);
            }
            hits.add(new Hit(r.meta().id(), matched));
        }
        return hits;
    }

    private static boolean names(FilterRule f, SigmaRule r) {
        return f.rules().contains(r.meta().id()) || (r.meta().name() != null && f.rules().contains(r.meta().name()));
    }

    private static boolean logsourceMatches(LogSource ls, Event e) {
        boolean unknown = e.product() == null && e.categories().isEmpty() && e.services().isEmpty();
        if (unknown) return true;
        if (ls.product() != null && !ls.product().equalsIgnoreCase(String.valueOf(e.product()))) return false;
        if (ls.category() != null && !e.categories().contains(ls.category())) return false;
        return ls.service() == null || e.services().contains(ls.service());
    }

    private static void collectRefs(Condition c, List<String> out) {
        if (c instanceof Condition.Ref r) out.add(r.identifier());
        else if (c instanceof Condition.Not n) collectRefs(n.operand(), out);
        else if (c instanceof Condition.And a) a.operands().forEach(o -> collectRefs(o, out));
        else if (c instanceof Condition.Or o) o.operands().forEach(x -> collectRefs(x, out));
    }

    private static boolean cond(Condition c, Map<String, Selection> sels, Event e) {
        if (c instanceof Condition.Ref r) return selection(sels.get(r.identifier()), e);
        if (c instanceof Condition.Not n) return !cond(n.operand(), sels, e);
        if (c instanceof Condition.And a) return a.operands().stream().allMatch(o -> cond(o, sels, e));
        return ((Condition.Or) c).operands().stream().anyMatch(o -> cond(o, sels, e));
    }

    private static boolean detectionSupported(dev.edr.core.rule.Detection d) {
        return d.selections().values().stream().allMatch(ReferenceEvaluator::selectionSupported);
    }

    private static boolean selectionSupported(Selection s) {
        if (s instanceof Selection.AllOf a) return a.items().stream().allMatch(ReferenceEvaluator::selectionSupported);
        if (s instanceof Selection.AnyOf a) return a.items().stream().allMatch(ReferenceEvaluator::selectionSupported);
        Selection.FieldMatch f = (Selection.FieldMatch) s;
        return f.values().stream().allMatch(v -> valueSupported(v, f.isKeyword()));
    }

    private static boolean valueSupported(ValueMatch v, boolean keyword) {
        if (v instanceof ValueMatch.Placeholder) return false;
        if (v instanceof ValueMatch.AnyOf a) return a.alternatives().stream().allMatch(x -> valueSupported(x, keyword));
        if (v instanceof ValueMatch.TimePart t) return valueSupported(t.inner(), false);
        if (keyword) {
            return !(v instanceof ValueMatch.Exists || v instanceof ValueMatch.IsNull || v instanceof ValueMatch.FieldRef);
        }
        return true;
    }

    private static boolean selection(Selection s, Event e) {
        if (s instanceof Selection.AllOf a) return a.items().stream().allMatch(i -> selection(i, e));
        if (s instanceof Selection.AnyOf a) return a.items().stream().anyMatch(i -> selection(i, e));
        Selection.FieldMatch f = (Selection.FieldMatch) s;
        boolean result;
        if (f.matchAll()) {
            result = f.values().stream().allMatch(v -> itemValue(f, v, e));
        } else {
            result = f.values().stream().anyMatch(v -> itemValue(f, v, e));
        }
        return f.negated() ? !result : result;
    }

    private static boolean itemValue(Selection.FieldMatch f, ValueMatch v, Event e) {
        if (f.isKeyword()) {
            List<Object> leaves = new ArrayList<>();
            keywordLeaves(e.original(), leaves, 0);
            return test(keywordize(v), true, null, leaves, e);
        }
        boolean present = e.has(f.field());
        Object raw = e.get(f.field());
        List<Object> leaves = new ArrayList<>();
        if (present) flatten(raw, leaves, 0);
        return test(v, present, raw, leaves, e);
    }

    private static ValueMatch keywordize(ValueMatch v) {
        if (v instanceof ValueMatch.StringMatch s) {
            List<Glob.Segment> segs = new ArrayList<>();
            segs.add(Glob.Wildcard.MANY);
            segs.addAll(s.glob().segments());
            segs.add(Glob.Wildcard.MANY);
            return new ValueMatch.StringMatch(Glob.of(segs), s.cased());
        }
        if (v instanceof ValueMatch.AnyOf a) {
            return new ValueMatch.AnyOf(a.alternatives().stream().map(ReferenceEvaluator::keywordize).toList());
        }
        return v;
    }

    private static void flatten(Object v, List<Object> out, int depth) {
        if (depth > 64) return;
        if (v instanceof List<?> l) {
            for (Object x : l) flatten(x, out, depth + 1);
        } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            out.add(v);
        }
    }

    private static void keywordLeaves(Object v, List<Object> out, int depth) {
        if (depth > 64) return;
        if (v instanceof Map<?, ?> m) {
            for (Object x : m.values()) keywordLeaves(x, out, depth + 1);
        } else if (v instanceof List<?> l) {
            for (Object x : l) keywordLeaves(x, out, depth + 1);
        } else if (v instanceof String || v instanceof Number) {
            out.add(v);
        }
    }

    private static boolean test(ValueMatch v, boolean present, Object raw, List<Object> leaves, Event e) {
        if (v instanceof ValueMatch.Exists x) return present == x.present();
        if (v instanceof ValueMatch.IsNull) return raw == null;
        if (v instanceof ValueMatch.AnyOf a) return a.alternatives().stream().anyMatch(x -> test(x, present, raw, leaves, e));
        for (Object leaf : leaves) {
            if (leafTest(v, leaf, e)) return true;
        }
        return false;
    }

    private static boolean leafTest(ValueMatch v, Object leaf, Event e) {
        String text = asText(leaf);
        if (v instanceof ValueMatch.StringMatch s) {
            Pattern glob = glob(s);
            String subject = s.cased() ? text : text.toLowerCase(Locale.ROOT);
            return glob.matcher(subject).matches();
        }
        if (v instanceof ValueMatch.RegexMatch r) {
            int flags = Pattern.UNIX_LINES | (r.ignoreCase() ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                    | (r.multiline() ? Pattern.MULTILINE : 0) | (r.dotAll() ? Pattern.DOTALL : 0);
            return pattern(r.pattern(), flags).matcher(text).find();
        }
        if (v instanceof ValueMatch.NumberCompare n) {
            BigDecimal x = asNumber(leaf);
            if (x == null) return false;
            int c = x.compareTo(n.value());
            return switch (n.op()) {
                case LT -> c < 0;
                case LTE -> c <= 0;
                case GT -> c > 0;
                case GTE -> c >= 0;
            };
        }
        if (v instanceof ValueMatch.CidrMatch c) return inCidr(text, c.cidr());
        if (v instanceof ValueMatch.BoolMatch b) return text.equalsIgnoreCase(String.valueOf(b.value()));
        if (v instanceof ValueMatch.FieldRef f) {
            if (!e.has(f.otherField())) return false;
            List<Object> others = new ArrayList<>();
            flatten(e.get(f.otherField()), others, 0);
            for (Object o : others) {
                String a = f.cased() ? text : text.toLowerCase(Locale.ROOT);
                String b = f.cased() ? asText(o) : asText(o).toLowerCase(Locale.ROOT);
                boolean ok = switch (f.position()) {
                    case EQUALS -> a.equals(b);
                    case STARTSWITH -> a.startsWith(b);
                    case ENDSWITH -> a.endsWith(b);
                    case CONTAINS -> a.contains(b);
                };
                if (ok) return true;
            }
            return false;
        }
        if (v instanceof ValueMatch.TimePart t) {
            Long part = datePart(text, t.unit());
            return part != null && test(t.inner(), true, part, List.of(part), e);
        }
        throw new IllegalArgumentException("not a leaf test: " + v);
    }

    static String globRegex(Glob g, boolean lower) {
        StringBuilder b = new StringBuilder();
        for (Glob.Segment s : g.segments()) {
            if (s == Glob.Wildcard.MANY) b.append(".*");
            else if (s == Glob.Wildcard.ONE) b.append('.');
            else {
                String t = ((Glob.Text) s).text();
                b.append(Pattern.quote(lower ? t.toLowerCase(Locale.ROOT) : t));
            }
        }
        return b.toString();
    }

    static String asText(Object leaf) {
        if (leaf instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString(d.longValue());
            return new BigDecimal(d.toString()).toPlainString();
        }
        if (leaf instanceof BigDecimal d) return d.toPlainString();
        return String.valueOf(leaf);
    }

    private static BigDecimal asNumber(Object leaf) {
        if (leaf instanceof Long || leaf instanceof Integer) return BigDecimal.valueOf(((Number) leaf).longValue());
        if (leaf instanceof Double d) return new BigDecimal(d.toString());
        if (leaf instanceof BigDecimal d) return d;
        if (leaf instanceof BigInteger i) return new BigDecimal(i);
        if (leaf instanceof String s && s.length() <= 400 && NUMBER.matcher(s).matches()) return new BigDecimal(s);
        return null;
    }

    private static boolean inCidr(String text, String cidr) {
        String[] parts = cidr.split("/");
        byte[] net = literal(parts[0]);
        byte[] addr = literal(text);
        if (net == null || addr == null || net.length != addr.length) return false;
        int bits = net.length * 8;
        int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
        BigInteger a = new BigInteger(1, addr).shiftRight(bits - prefix);
        BigInteger n = new BigInteger(1, net).shiftRight(bits - prefix);
        return a.equals(n);
    }

    private static byte[] literal(String s) {
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = s.indexOf(':') >= 0 && IPV6ISH.matcher(s).matches();
        if (!v4 && !v6) return null; // never let InetAddress resolve a host name
        try {
            return InetAddress.getByName(s).getAddress(); // folds ::ffff:a.b.c.d to IPv4 itself
        } catch (Exception ex) {
            return null;
        }
    }

    private static Long datePart(String s, ValueMatch.TimeUnit unit) {
        Matcher m = DATE.matcher(s);
        if (!m.matches()) return null;
        try {
            String offset = m.group(8) == null || m.group(8).equalsIgnoreCase("z") ? "Z" : m.group(8);
            if (offset.length() == 3) offset += ":00";
            else if (offset.length() == 5) offset = offset.substring(0, 3) + ":" + offset.substring(3);
            String frac = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
            OffsetDateTime t = OffsetDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), Integer.parseInt(frac),
                    ZoneOffset.of(offset)).withOffsetSameInstant(ZoneOffset.UTC);
            return (long) switch (unit) {
                case MINUTE -> t.getMinute();
                case HOUR -> t.getHour();
                case DAY -> t.getDayOfMonth();
                case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> t.getMonthValue();
                case YEAR -> t.getYear();
            };
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
