package dev.edr.core.internal.event;

import dev.edr.core.event.Event;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An event's logsource (product, categories and services, lower case), shared by every event from the same source:
 * a stream holds a few dozen distinct ones, so events need not each carry their own sets, and the engine can
 * remember per logsource which of its routes apply (compared by identity) instead of looking them up per event.
 * Immutable.
 */
public final class SourceKey {
    /** Past this many distinct logsources (hostile input inventing them) keys are just not shared. */
    private static final int MAX_SHARED = 4096;
    private static final Map<SourceKey, SourceKey> SHARED = new ConcurrentHashMap<>();
    /**
     * Shared keys by the identity of their own sets (direct-mapped, written without locks: entries are immutable). A
     * caller that passes a shared key's own sets back ({@link #categories()}, {@link #services()}: the Windows
     * normalizer builds its events so) gets the key without hashing or comparing them: those sets are the key's
     * private copies, unmodifiable, so the same instances always hold the same names.
     */
    private static final SourceKey[] BY_SETS = new SourceKey[256];
    private static final SourceKey NONE = new SourceKey(null, Set.of(), Set.of());
    private static volatile Function<Event, SourceKey> access;

    private final String product;
    private final Set<String> categories;
    private final Set<String> services;
    private final int hash;

    private SourceKey(String product, Set<String> categories, Set<String> services) {
        this.product = product;
        this.categories = categories;
        this.services = services;
        this.hash = Objects.hashCode(product) * 961 + categories.hashCode() * 31 + services.hashCode();
    }

    /** The shared key of a logsource; names are lower-cased ({@link Locale#ROOT}). */
    public static SourceKey of(String product, Set<String> categories, Set<String> services) {
        SourceKey known = BY_SETS[setsSlot(categories, services)];
        if (known != null && known.categories == categories && known.services == services
                && Objects.equals(known.product, product)) {
            return known;
        }
        if (product == null && categories.isEmpty() && services.isEmpty()) {
            return NONE;
        }
        SourceKey probe = new SourceKey(product, categories, services); // the usual input is lower case already
        SourceKey shared = SHARED.get(probe);
        if (shared != null) {
            return shared;
        }
        SourceKey key = new SourceKey(lower(product), lowerAll(categories), lowerAll(services));
        shared = SHARED.get(key);
        if (shared != null) {
            return shared;
        }
        if (SHARED.size() >= MAX_SHARED) {
            return key;
        }
        shared = SHARED.putIfAbsent(key, key);
        if (shared == null) {
            BY_SETS[setsSlot(key.categories, key.services)] = key;
            return key;
        }
        return shared;
    }

    private static int setsSlot(Set<String> categories, Set<String> services) {
        int h = System.identityHashCode(categories) * 31 + System.identityHashCode(services);
        return (h ^ h >>> 16) & (BY_SETS.length - 1);
    }

    /** Called once, by {@link Event}'s class initializer. */
    public static void grant(Function<Event, SourceKey> reader) {
        if (access != null) {
            throw new IllegalStateException("already granted");
        }
        access = Objects.requireNonNull(reader);
    }

    /** The key of {@code event}'s logsource. */
    public static SourceKey of(Event event) {
        return access.apply(event);
    }

    public String product() {
        return product;
    }

    public Set<String> categories() {
        return categories;
    }

    public Set<String> services() {
        return services;
    }

    /** Whether anything is known of the logsource. */
    public boolean known() {
        return this != NONE;
    }

    /** A hash for tables of keys compared by identity (computed once). */
    public int hash() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceKey k && hash == k.hash && Objects.equals(product, k.product)
                && categories.equals(k.categories) && services.equals(k.services);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return product + " " + categories + " " + services;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static Set<String> lowerAll(Set<String> s) {
        if (s.isEmpty()) {
            return Set.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String x : s) out.add(x.toLowerCase(Locale.ROOT));
        return Collections.unmodifiableSet(out);
    }
}
