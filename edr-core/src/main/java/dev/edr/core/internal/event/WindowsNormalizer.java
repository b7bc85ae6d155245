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
    /** Built on first use per channel and provider; the sources by name are complete by then. */
    private final WindowsRouting.Cache routings = new WindowsRouting.Cache(this::matching);
    /** Flattening plans by record shape; null when disabled (tests compare both ways). */
    private final WindowsPlans plans;

    public WindowsNormalizer(WindowsMapping mapping, EventNormalizer fallback) {
        this(mapping, fallback, true);
    }

    WindowsNormalizer(WindowsMapping mapping, EventNormalizer fallback, boolean withPlans) {
        this.mapping = mapping;
        this.fallback = fallback;
        this.plans = withPlans ? new WindowsPlans(PAYLOADS) : null;
        for (Source s : mapping.sources().values()) {
            s.channels().forEach(c -> byChannel.computeIfAbsent(lower(c), k -> new ArrayList<>()).add(s));
            s.providers().forEach(p -> byProvider.computeIfAbsent(lower(p), k -> new ArrayList<>()).add(s));
        }
    }

    /** The map holding {@code System}: the {@code Event} member, or the record itself; {@code null} if neither. */
    public static Map<?, ?> eventElement(Map<String, ?> record) {
        Object e = record.get("Event");
        if (WindowsFields.isMap(e) && WindowsFields.isMap(((Map<?, ?>) e).get("System"))) {
            return (Map<?, ?>) e;
        }
        return WindowsFields.isMap(record.get("System")) ? record : null;
    }

    @Override
    public Event normalize(Map<String, Object> record) {
        FieldMap.Builder filled = new FieldMap.Builder(0); // a plan gives it its arrays
        // a record read flat, of a shape with a plan: filled from its leaves, its maps never built
        WindowsPlans.Plan known = plans != null && record instanceof FlatRecord flat ? plans.flat(flat, filled) : null;
        boolean byPlan = known != null && known.fills();
        Map<?, ?> event = null;
        Object system = null;
        if (!byPlan) {
            event = eventElement(record);
            if (event == null) {
                return fallback.normalize(record);
            }
            system = event.get("System");
            known = plans != null && system instanceof FieldMap s ? plans.apply(s, event, filled) : null;
            byPlan = known != null && known.fills();
        }
        FieldMap.Builder fields = byPlan ? filled : new FieldMap.Builder(48);
        String channel;
        String provider;
        Long eventId;
        if (byPlan) { // a shape seen before: the header's values as System alone gave them
            channel = text(known.channel(fields));
            provider = text(known.provider(fields));
            eventId = WindowsFields.eventId(known.eventId(fields));
        } else {
            WindowsFields flattener = new WindowsFields(fields);
            flattener.system((Map<?, ?>) system);
            // route on the header as it is, before any payload field is added
            channel = text(fields.get("Channel"));
            provider = text(fields.get("Provider_Name"));
            eventId = WindowsFields.eventId(fields.get("EventID"));
            for (String section : PAYLOADS) {
                flattener.payload(event.get(section));
            }
            if (known == null && plans != null && system instanceof FieldMap s) {
                plans.missed(s, event);
            }
        }
        WindowsRouting routing = byPlan ? known.routing(channel, provider, routings) : routings.get(channel, provider);
        WindowsRouting.Plan plan = routing.plan(eventId);
        int applied = 0;
        Set<String> unremembered = plan.remembers() ? null : new LinkedHashSet<>();
        for (int i = 0; i < plan.size(); i++) {
            CategoryRoute route = plan.route(i);
            if (holds(route, fields)) {
                if (unremembered == null) {
                    applied |= 1 << i;
                } else {
                    unremembered.add(route.category());
                }
                if (!route.fieldMapping().isEmpty()) {
                    route.fieldMapping().forEach((sigma, own) -> {
                        if (!fields.containsKey(sigma) && fields.containsKey(own)) {
                            fields.put(sigma, fields.get(own));
                        }
                    });
                }
            }
        }
        String product = mapping.product();
        Set<String> services = routing.services();
        Set<String> categories;
        if (unremembered == null) { // the shared key's own sets: the event finds its key without hashing them
            SourceKey key = plan.key(applied, product, services);
            product = key.product();
            services = key.services();
            categories = key.categories();
        } else {
            categories = unremembered;
        }
        // a plan knows where the two are; a route's field mapping may only have added them
        Instant time = Timestamps.parse(byPlan && known.timeAt >= 0 ? fields.valueAt(known.timeAt)
                : fields.get("TimeCreated_SystemTime"));
        String host = text(byPlan && known.hostAt >= 0 ? fields.valueAt(known.hostAt) : fields.get("Computer"));
        return Event.builder()
                .product(product)
                .services(services)
                .categories(categories)
                .time(time)
                .host(host)
                .fields(fields.build())
                .original(record)
                .build();
    }

    /**
     * Whether a plan flattens this record now (a plan is made on its shape's second miss): a plan of its flat shape
     * for a record read flat, else a plan of its maps; for tests.
     */
    boolean planned(Map<String, Object> record) {
        if (plans != null && record instanceof FlatRecord flat) {
            return plans.flatPlanned(flat.shape());
        }
        Map<?, ?> event = eventElement(record);
        WindowsPlans.Plan p = plans != null && event != null && event.get("System") instanceof FieldMap s
                ? plans.apply(s, event, new FieldMap.Builder()) : null;
        return p != null && p.fills();
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

    /** Whether the route's {@code when} conditions hold (its event ids were checked by the plan). */
    private static boolean holds(CategoryRoute route, FieldMap.Builder fields) {
        if (route.when().isEmpty()) {
            return true; // most routes: no iterator to allocate
        }
        for (Map.Entry<String, List<String>> cond : route.when().entrySet()) {
            Object v = fields.get(cond.getKey());
            if (v == null || !WindowsFields.isLeaf(v) && (v instanceof Map || v instanceof List)) {
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
