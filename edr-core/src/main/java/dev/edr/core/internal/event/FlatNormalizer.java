package dev.edr.core.internal.event;

import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.rule.LogSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records that already carry Sigma taxonomy names; see {@code Normalizers.flat}. */
public final class FlatNormalizer implements EventNormalizer {
    /** Dotted names are made this many levels deep; deeper members stay reachable in the nested value. */
    static final int MAX_FLATTEN_DEPTH = 32;
    private static final List<String> TIME_FIELDS = List.of("@timestamp", "timestamp", "time", "EventTime", "UtcTime");
    private static final List<String> HOST_FIELDS = List.of("host", "hostname", "host.name", "Computer",
            "ComputerName");

    private final LogSource defaults;

    public FlatNormalizer(LogSource defaults) {
        this.defaults = defaults;
    }

    @Override
    public Event normalize(Map<String, Object> record) {
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>(record);
        for (Map.Entry<String, Object> e : record.entrySet()) {
            if (e.getValue() instanceof Map) {
                addDotted(e.getKey(), (Map<?, ?>) e.getValue(), fields, 1);
            }
        }
        Set<String> products = texts(record.get("product"));
        Set<String> categories = texts(record.get("category"));
        Set<String> services = texts(record.get("service"));
        return Event.builder()
                .product(products.isEmpty() ? defaults.product() : products.iterator().next())
                .categories(categories.isEmpty() ? single(defaults.category()) : categories)
                .services(services.isEmpty() ? single(defaults.service()) : services)
                .time(time(fields))
                .host(host(fields))
                .fields(fields)
                .original(record)
                .build();
    }

    private static void addDotted(String prefix, Map<?, ?> nested, Map<String, Object> out, int depth) {
        if (depth > MAX_FLATTEN_DEPTH) {
            return;
        }
        for (Map.Entry<?, ?> e : nested.entrySet()) {
            String name = prefix + "." + e.getKey();
            out.putIfAbsent(name, e.getValue());
            if (e.getValue() instanceof Map) {
                addDotted(name, (Map<?, ?>) e.getValue(), out, depth + 1);
            }
        }
    }

    private static Instant time(Map<String, Object> fields) {
        for (String f : TIME_FIELDS) {
            Instant t = Timestamps.parse(fields.get(f));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static String host(Map<String, Object> fields) {
        for (String f : HOST_FIELDS) {
            if (fields.get(f) instanceof String && !((String) fields.get(f)).isBlank()) {
                return (String) fields.get(f);
            }
        }
        return null;
    }

    static Set<String> texts(Object value) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (value instanceof String) {
            addText(out, (String) value);
        } else if (value instanceof List) {
            for (Object o : (List<?>) value) {
                if (o instanceof String) {
                    addText(out, (String) o);
                }
            }
        }
        return out;
    }

    private static void addText(Set<String> out, String s) {
        if (!s.isBlank()) {
            out.add(s.strip());
        }
    }

    private static Set<String> single(String s) {
        return s == null ? Set.of() : Set.of(s);
    }
}
