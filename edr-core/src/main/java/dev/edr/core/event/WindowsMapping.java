package dev.edr.core.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How Windows event log records are routed to Sigma logsources and which Sigma field names they also get.
 * Data, not code: edr-dsl loads it from a YAML pipeline ({@code Pipelines.windowsDefault()}), users may replace
 * or extend it. Immutable.
 *
 * <p>An event gets {@link #product()}, plus the services and categories of every {@link Source} that matches
 * it. Sources are keyed by a name so that a user pipeline can replace or remove one ({@link #merge}).
 *
 * @param product the logsource product of every Windows event ({@code windows})
 * @param sources named sources, in file order
 */
public record WindowsMapping(String product, Map<String, Source> sources) {

    public WindowsMapping {
        requireText(product, "product");
        Objects.requireNonNull(sources, "sources");
        sources.forEach((k, v) -> {
            requireText(k, "source name");
            Objects.requireNonNull(v, "source " + k);
        });
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /**
     * One event log source: it matches an event whose {@code Channel} is one of {@code channels} or whose
     * {@code Provider_Name} is one of {@code providers} (both case-insensitive).
     *
     * @param services Sigma services of every matching event (may be empty)
     * @param categories Sigma categories of some of its events
     */
    public record Source(List<String> channels, List<String> providers, List<String> services,
            List<CategoryRoute> categories) {
        public Source {
            channels = texts(channels, "channels");
            providers = texts(providers, "providers");
            services = texts(services, "services");
            categories = List.copyOf(categories);
            if (channels.isEmpty() && providers.isEmpty()) {
                throw new IllegalArgumentException("a source needs at least one channel or provider");
            }
        }
    }

    /**
     * A Sigma category for some events of a source.
     *
     * @param category the Sigma category
     * @param eventIds the {@code EventID}s it applies to; empty means every event of the source
     * @param when further conditions: field name to accepted values (case-insensitive string comparison); all
     *     must hold, e.g. Sysmon 12 is {@code registry_add} only when {@code EventType} is {@code CreateKey}
     * @param fieldMapping Sigma field name to the event's own field name: when the route applies, the event also
     *     gets the Sigma name with that field's value (the original name stays; an existing field is never
     *     overwritten), e.g. {@code Image -> NewProcessName} for Security 4688
     */
    public record CategoryRoute(String category, Set<Long> eventIds, Map<String, List<String>> when,
            Map<String, String> fieldMapping) {
        public CategoryRoute {
            requireText(category, "category");
            eventIds = Collections.unmodifiableSet(new LinkedHashSet<>(eventIds));
            LinkedHashMap<String, List<String>> w = new LinkedHashMap<>();
            when.forEach((k, v) -> w.put(requireText(k, "when field"), texts(v, "when values")));
            when = Collections.unmodifiableMap(w);
            LinkedHashMap<String, String> f = new LinkedHashMap<>();
            fieldMapping.forEach((k, v) -> f.put(requireText(k, "Sigma field"), requireText(v, "event field")));
            fieldMapping = Collections.unmodifiableMap(f);
        }

        /** A route with event ids only. */
        public static CategoryRoute of(String category, Long... eventIds) {
            return new CategoryRoute(category, new LinkedHashSet<>(List.of(eventIds)), Map.of(), Map.of());
        }
    }

    /**
     * This mapping extended by {@code overlay}: the overlay's product, then every source of this mapping except
     * those the overlay redefines (same name: replaced in place), then the overlay's new sources.
     */
    public WindowsMapping merge(WindowsMapping overlay) {
        LinkedHashMap<String, Source> merged = new LinkedHashMap<>(sources);
        merged.putAll(overlay.sources());
        return new WindowsMapping(overlay.product(), merged);
    }

    /** This mapping without the named sources (names it does not have are ignored). */
    public WindowsMapping without(Set<String> sourceNames) {
        LinkedHashMap<String, Source> kept = new LinkedHashMap<>(sources);
        kept.keySet().removeAll(sourceNames);
        return new WindowsMapping(product, kept);
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return s;
    }

    private static List<String> texts(List<String> values, String what) {
        Objects.requireNonNull(values, what);
        values.forEach(v -> requireText(v, what));
        return List.copyOf(values);
    }
}
