package dev.edr.core.response;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A playbook parameter: text with {@code %Field%} references to event fields, filled from the triggering event.
 * {@code %%} is a literal percent sign (so a Windows path with an environment variable is written
 * {@code %%SystemRoot%%\System32\x.exe}). Names starting with {@code @} from {@link #BUILTINS} refer to the
 * detection itself ({@code %@host%}, {@code %@rule.id%}, ...); any other name, {@code @timestamp} included, is an
 * event field, looked up exactly and then case-insensitively. A value made of one reference takes the field's
 * value as is; numbers print in plain decimal.
 */
public record ParamTemplate(String source, List<Part> parts) {
    public static final Set<String> BUILTINS = Set.of("@host", "@rule.id", "@rule.name", "@rule.title",
            "@rule.level", "@event.file", "@event.index", "@event.time");

    public sealed interface Part {}

    public record Text(String text) implements Part {}

    /** An event field, or a builtin when the name is one of {@link #BUILTINS}. */
    public record Ref(String name) implements Part {
        public boolean isBuiltin() {
            return BUILTINS.contains(name);
        }
    }

    /** Either a template or a syntax error at {@code errorOffset} (0-based, in the source text). */
    public record Parsed(ParamTemplate template, String error, int errorOffset) {}

    /** The rendered text, or why there is none. */
    public record Rendered(String value, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public ParamTemplate {
        parts = List.copyOf(parts);
    }

    public static ParamTemplate constant(String text) {
        return new ParamTemplate(text.replace("%", "%%"), List.of(new Text(text)));
    }

    public static Parsed parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            if (i + 1 < source.length() && source.charAt(i + 1) == '%') {
                text.append('%');
                i += 2;
                continue;
            }
            int end = source.indexOf('%', i + 1);
            if (end < 0) {
                return new Parsed(null, "unterminated field reference: '%' starts one; write '%%' for a literal"
                        + " percent sign", i);
            }
            String name = source.substring(i + 1, end);
            int bad = invalidCharIndex(name);
            if (bad >= 0) {
                return new Parsed(null, "invalid character '" + name.charAt(bad) + "' in field reference '%" + name
                        + "%'; write '%%' for a literal percent sign", i + 1 + bad);
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            parts.add(new Ref(name));
            i = end + 1;
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new Parsed(new ParamTemplate(source, parts), null, -1);
    }

    /** Field names are identifiers with dots, dashes, brackets, colons and slashes: no spaces, no controls. */
    private static int invalidCharIndex(String name) {
        for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            boolean ok = Character.isLetterOrDigit(ch) || "_.-@:/[]$#".indexOf(ch) >= 0;
            if (!ok) {
                return k;
            }
        }
        return name.isEmpty() ? 0 : -1;
    }

    public boolean isConstant() {
        return parts.stream().noneMatch(p -> p instanceof Ref);
    }

    /** The text of a constant template (valid when {@link #isConstant()}). */
    public String constantText() {
        StringBuilder b = new StringBuilder();
        parts.forEach(p -> b.append(((Text) p).text()));
        return b.toString();
    }

    public List<Ref> references() {
        return parts.stream().filter(p -> p instanceof Ref).map(p -> (Ref) p).toList();
    }

    public Rendered render(Trigger trigger) {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                b.append(t.text());
                continue;
            }
            Ref r = (Ref) p;
            Object v = r.isBuiltin() ? builtin(trigger, r.name()) : field(trigger.fields(), r.name());
            if (v == null) {
                return new Rendered(null, r.isBuiltin() ? "the detection has no " + r.name().substring(1)
                        : "field '" + r.name() + "' is absent or null");
            }
            if (v instanceof Map || v instanceof List) {
                return new Rendered(null, "field '" + r.name() + "' is not a single value");
            }
            String s = scalar(v);
            if (s.isBlank()) {
                return new Rendered(null, "field '" + r.name() + "' is empty");
            }
            b.append(s);
        }
        return new Rendered(b.toString(), null);
    }

    private static Object builtin(Trigger t, String name) {
        return switch (name) {
            case "@host" -> t.host();
            case "@rule.id" -> t.ruleId();
            case "@rule.name" -> t.ruleName();
            case "@rule.title" -> t.ruleTitle();
            case "@rule.level" -> t.level();
            case "@event.file" -> t.sourceFile();
            case "@event.index" -> t.sourceIndex() < 0 ? null : t.sourceIndex();
            case "@event.time" -> t.eventTime();
            default -> null;
        };
    }

    private static Object field(Map<String, Object> fields, String name) {
        if (fields.containsKey(name)) {
            return fields.get(name);
        }
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String scalar(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) ? BigDecimal.valueOf(d).toBigInteger().toString()
                    : Double.toString(d);
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        return v.toString();
    }
}
