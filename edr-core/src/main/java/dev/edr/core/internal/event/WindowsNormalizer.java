package dev.edr.core.internal.event;

import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.WindowsMapping;
import dev.edr.core.event.WindowsMapping.CategoryRoute;
import dev.edr.core.event.WindowsMapping.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Windows event log records; see {@code Normalizers.windows}. Other records go to the fallback. */
public final class WindowsNormalizer implements EventNormalizer {
    /** Payload sections flattened into fields. RenderingInfo is left out on purpose: it repeats Level, Task,
     *  Opcode, Channel... as localized display strings that would shadow the real values. */
    private static final List<String> PAYLOADS = List.of("EventData", "UserData", "ProcessingErrorData", "DebugData");

    private final WindowsMapping mapping;
    private final EventNormalizer fallback;
    private final Map<String, List<Source>> byChannel = new HashMap<>();
    private final Map<String, List<Source>> byProvider = new HashMap<>();

    public WindowsNormalizer(WindowsMapping mapping, EventNormalizer fallback) {
        this.mapping = mapping;
        this.fallback = fallback;
        for (Source s : mapping.sources().values()) {
            s.channels().forEach(c -> byChannel.computeIfAbsent(lower(c), k -> new ArrayList<>()).add(s));
            s.providers().forEach(p -> byProvider.computeIfAbsent(lower(p), k -> new ArrayList<>()).add(s));
        }
    }

    /** The map holding {@code System}: the {@code Event} member, or the record itself; {@code null} if neither. */
    public static Map<?, ?> eventElement(Map<String, ?> record) {
        Object e = record.get("Event");
        if (e instanceof Map && ((Map<?, ?>) e).get("System") instanceof Map) {
            return (Map<?, ?>) e;
        }
        return record.get("System") instanceof Map ? record : null;
    }

    @Override
    public Event normalize(Map<String, Object> record) {
        Map<?, ?> event = eventElement(record);
        if (event == null) {
            return fallback.normalize(record);
        }
        FieldMap.Builder fields = new FieldMap.Builder(48);
        WindowsFields flattener = new WindowsFields(fields);
        flattener.system((Map<?, ?>) event.get("System"));
        // route on the header as it is, before any payload field is added
        String channel = text(fields.get("Channel"));
        String provider = text(fields.get("Provider_Name"));
        Long eventId = WindowsFields.eventId(fields.get("EventID"));
        for (String section : PAYLOADS) {
            flattener.payload(event.get(section));
        }
        Set<String> services = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        for (Source source : matching(channel, provider)) {
            services.addAll(source.services());
            for (CategoryRoute route : source.categories()) {
                if (applies(route, eventId, fields)) {
                    categories.add(route.category());
                    route.fieldMapping().forEach((sigma, own) -> {
                        if (!fields.containsKey(sigma) && fields.containsKey(own)) {
                            fields.put(sigma, fields.get(own));
                        }
                    });
                }
            }
        }
        Instant time = Timestamps.parse(fields.get("TimeCreated_SystemTime"));
        String host = text(fields.get("Computer"));
        return Event.builder()
                .product(mapping.product())
                .services(services)
                .categories(categories)
                .time(time)
                .host(host)
                .fields(fields.build())
                .original(record)
                .build();
    }

    /** The sources of the channel, then those of the provider, each once (by identity: hashing a Source is deep). */
    private List<Source> matching(String channel, String provider) {
        List<Source> byC = channel == null ? List.of() : byChannel.getOrDefault(lower(channel), List.of());
        List<Source> byP = provider == null ? List.of() : byProvider.getOrDefault(lower(provider), List.of());
        if (byP.isEmpty()) {
            return byC;
        }
        List<Source> found = new ArrayList<>(byC);
        for (Source s : byP) {
            if (found.stream().noneMatch(f -> f == s)) found.add(s);
        }
        return found;
    }

    private static boolean applies(CategoryRoute route, Long eventId, FieldMap.Builder fields) {
        if (!route.eventIds().isEmpty() && (eventId == null || !route.eventIds().contains(eventId))) {
            return false;
        }
        for (Map.Entry<String, List<String>> cond : route.when().entrySet()) {
            Object v = fields.get(cond.getKey());
            if (v == null || v instanceof Map || v instanceof List) {
                return false;
            }
            String s = v.toString();
            if (cond.getValue().stream().noneMatch(s::equalsIgnoreCase)) {
                return false;
            }
        }
        return true;
    }

    private static String text(Object v) {
        return v instanceof String && !((String) v).isBlank() ? (String) v : null;
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
