package dev.edr.core.internal.match;

import dev.edr.core.event.Event;
import dev.edr.core.rule.LogSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Logsource semantics. A rule's product must equal the event's product, its category must be one of the
 * event's categories, its service one of the event's services; a rule field left out is a wildcard. An event
 * with no logsource at all ({@link Event#hasLogSource()} false, e.g. a flat JSON record) is of unknown origin
 * and every rule's logsource matches it: the detection itself decides.
 *
 * <p>For routing, each distinct rule logsource becomes a route key (an unambiguous string), and each event
 * yields the keys of every logsource it satisfies, so matching reduces to hash lookups.
 */
public final class LogSources {
    private LogSources() {}

    public static boolean matches(LogSource rule, Event event) {
        if (!event.hasLogSource()) {
            return true;
        }
        return (rule.product() == null || rule.product().equals(event.product()))
                && (rule.category() == null || event.categories().contains(rule.category()))
                && (rule.service() == null || event.services().contains(rule.service()));
    }

    /** The route key of a rule logsource; {@code definition} does not take part. */
    public static String routeKey(LogSource ls) {
        return key(ls.product(), ls.category(), ls.service());
    }

    /** The keys among {@code known} whose logsource matches the event, in a stable order. */
    public static List<String> routeKeys(Event event, Collection<String> known) {
        if (!event.hasLogSource()) {
            return List.copyOf(known);
        }
        List<String> products = withWildcard(event.product() == null ? List.of() : List.of(event.product()));
        List<String> categories = withWildcard(event.categories());
        List<String> services = withWildcard(event.services());
        Set<String> out = new LinkedHashSet<>();
        for (String p : products) {
            for (String c : categories) {
                for (String s : services) {
                    String k = key(p, c, s);
                    if (known.contains(k)) out.add(k);
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<String> withWildcard(Collection<String> values) {
        List<String> l = new ArrayList<>(values.size() + 1);
        l.add(null);
        l.addAll(values);
        return l;
    }

    private static String key(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : Arrays.asList(parts)) {
            b.append(p == null ? "*" : p.length() + ":" + p).append('/');
        }
        return b.toString();
    }
}
