package dev.edr.core.internal.event;

import dev.edr.core.event.WindowsMapping.CategoryRoute;
import dev.edr.core.event.WindowsMapping.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;

/**
 * What the mapping says about the events of one channel and provider (as records spell them): the services of the
 * matching sources, and per event id the category routes that may apply, in mapping order. A stream has a few
 * dozen such pairs, and events that take the same routes have the same logsource sets, so those sets are built
 * once and shared (unmodifiable) instead of being collected per event, and an event only tests the routes of its
 * own event id (Sysmon has about thirty). Immutable and thread-safe; the set caches fill lazily.
 */
final class WindowsRouting {
    private final Set<String> services;
    /** By event id: the routes listing it, and those listing none; ids no route lists use {@link #others}. */
    private final Map<Long, Plan> byEventId = new HashMap<>();
    private final Plan others;

    WindowsRouting(List<Source> sources) {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        List<CategoryRoute> routes = new ArrayList<>();
        for (Source source : sources) {
            s.addAll(source.services());
            routes.addAll(source.categories());
        }
        this.services = s.isEmpty() ? Set.of() : Collections.unmodifiableSet(s);
        this.others = new Plan(routes.stream().filter(r -> r.eventIds().isEmpty()).toList());
        for (CategoryRoute route : routes) {
            for (Long id : route.eventIds()) {
                byEventId.computeIfAbsent(id, k -> new Plan(routes.stream()
                        .filter(r -> r.eventIds().isEmpty() || r.eventIds().contains(k)).toList()));
            }
        }
    }

    /** The services of every matching source, in mapping order; unmodifiable. */
    Set<String> services() {
        return services;
    }

    /** The routes an event with this id (or none) may take: the others cannot apply to it. */
    Plan plan(Long eventId) {
        Plan p = eventId == null ? null : byEventId.get(eventId);
        return p == null ? others : p;
    }

    /** Some routes, in mapping order, with the category sets of the combinations of them that applied. */
    static final class Plan {
        /** Combinations remembered per plan (more routes are collected per event): one bit per route. */
        private static final int MAX_REMEMBERED_ROUTES = 8;

        private final CategoryRoute[] routes;
        /** Categories by applied-route bit set, built on first use; null when the routes are many. */
        private final AtomicReferenceArray<Set<String>> categories;
        /** The logsource keys of those combinations (with the routing's services), built on first use. */
        private final AtomicReferenceArray<SourceKey> keys;

        Plan(List<CategoryRoute> routes) {
            this.routes = routes.toArray(CategoryRoute[]::new);
            this.categories = this.routes.length <= MAX_REMEMBERED_ROUTES
                    ? new AtomicReferenceArray<>(1 << this.routes.length) : null;
            this.keys = categories == null ? null : new AtomicReferenceArray<>(categories.length());
        }

        int size() {
            return routes.length;
        }

        CategoryRoute route(int i) {
            return routes[i];
        }

        /** Whether {@link #categories(int)} takes the applied routes as bits. */
        boolean remembers() {
            return categories != null;
        }

        /**
         * The categories of the routes whose positions are set in {@code applied} (bit {@code i} for
         * {@code route(i)}), in route order without repeats; unmodifiable. Only when {@link #remembers()}.
         */
        Set<String> categories(int applied) {
            Set<String> c = categories.get(applied);
            if (c == null) {
                LinkedHashSet<String> built = new LinkedHashSet<>();
                for (int i = 0; i < routes.length; i++) {
                    if ((applied & (1 << i)) != 0) built.add(routes[i].category());
                }
                c = built.isEmpty() ? Set.of() : Collections.unmodifiableSet(built);
                // a racing thread built an equal set: keep whichever got in
                if (!categories.compareAndSet(applied, null, c)) c = categories.get(applied);
            }
            return c;
        }

        /**
         * The shared logsource key of {@code product}, {@code services} and {@link #categories(int)}: an event built
         * from the key's own sets gets that key back without hashing them ({@link SourceKey#of}). Only when
         * {@link #remembers()}; {@code product} and {@code services} must be the same for every call.
         */
        SourceKey key(int applied, String product, Set<String> services) {
            SourceKey k = keys.get(applied);
            if (k == null) {
                k = SourceKey.of(product, categories(applied), services);
                keys.set(applied, k); // an equal key from a racing thread is as good
            }
            return k;
        }
    }

    /** Routings by (channel, provider) exactly as spelled in records; bounded against invented names. */
    static final class Cache {
        private static final int MAX_PAIRS = 512;
        private final Map<Pair, WindowsRouting> byPair = new ConcurrentHashMap<>();
        private final BiFunction<String, String, List<Source>> matching;

        private record Pair(String channel, String provider) {}

        /** {@code matching}: the sources of a channel and provider (either may be null). */
        Cache(BiFunction<String, String, List<Source>> matching) {
            this.matching = matching;
        }

        WindowsRouting get(String channel, String provider) {
            Pair key = new Pair(channel, provider);
            WindowsRouting r = byPair.get(key);
            if (r == null) {
                r = new WindowsRouting(matching.apply(channel, provider));
                if (byPair.size() < MAX_PAIRS) {
                    WindowsRouting raced = byPair.putIfAbsent(key, r);
                    if (raced != null) r = raced;
                }
            }
            return r;
        }
    }
}
