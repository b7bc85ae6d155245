package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edr.core.event.Event;
import dev.edr.core.event.EventNormalizer;
import dev.edr.core.event.Normalizers;
import dev.edr.core.event.WindowsMapping;
import dev.edr.core.event.WindowsMapping.CategoryRoute;
import dev.edr.core.event.WindowsMapping.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowsRoutingTest {
    private static CategoryRoute route(String category, Set<Long> ids) {
        return new CategoryRoute(category, ids, Map.of(), Map.of());
    }

    private static List<String> categories(WindowsRouting.Plan plan) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) c.add(plan.route(i).category());
        return c;
    }

    @Test
    void plansHoldTheRoutesOfTheirEventIdAndThoseWithoutIdsInMappingOrder() {
        WindowsRouting routing = new WindowsRouting(List.of(
                new Source(List.of("A"), List.of(), List.of("s1", "s2"), List.of(route("one", Set.of(1L)),
                        route("any", Set.of()), route("oneOrTwo", Set.of(1L, 2L)))),
                new Source(List.of("A"), List.of(), List.of("s2", "s3"), List.of(route("two", Set.of(2L))))));
        assertThat(routing.services()).containsExactly("s1", "s2", "s3");
        assertThat(categories(routing.plan(1L))).containsExactly("one", "any", "oneOrTwo");
        assertThat(categories(routing.plan(2L))).containsExactly("any", "oneOrTwo", "two");
        assertThat(categories(routing.plan(99L))).containsExactly("any");
        assertThat(categories(routing.plan(null))).containsExactly("any");
    }

    @Test
    void categorySetsAreBuiltOnceUnmodifiableAndWithoutRepeats() {
        WindowsRouting routing = new WindowsRouting(List.of(new Source(List.of("A"), List.of(), List.of("s"),
                List.of(route("x", Set.of(1L)), route("y", Set.of()), route("x", Set.of(1L))))));
        WindowsRouting.Plan plan = routing.plan(1L);
        assertThat(plan.remembers()).isTrue();
        Set<String> all = plan.categories(0b111);
        assertThat(all).containsExactly("x", "y");
        assertThat(plan.categories(0b111)).isSameAs(all);
        assertThat(plan.categories(0b100)).containsExactly("x");
        assertThat(plan.categories(0)).isEmpty();
        assertThatThrownBy(() -> all.add("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> routing.services().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theCacheSharesOneRoutingPerChannelAndProvider() {
        List<List<String>> asked = new ArrayList<>();
        WindowsRouting.Cache cache = new WindowsRouting.Cache((c, p) -> {
            asked.add(java.util.Arrays.asList(c, p));
            return List.of();
        });
        WindowsRouting a = cache.get("Security", null);
        assertThat(cache.get("Security", null)).isSameAs(a);
        assertThat(cache.get("security", null)).isNotSameAs(a);
        assertThat(cache.get(null, null).plan(null).size()).isZero();
        assertThat(asked).containsExactly(java.util.Arrays.asList("Security", null),
                java.util.Arrays.asList("security", null), java.util.Arrays.asList(null, null));
    }

    /**
     * The normalizer against a restatement of the mapping's rules (every matching source in order, each of its
     * routes tested in order, an applied route's field mapping visible to the routes after it), over random
     * mappings and events; some plans have more routes than are remembered as bits. (Order within one plan is
     * checked above.)
     */
    @Test
    void routesLikeTheMappingSaysOverRandomMappingsAndEvents() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            WindowsMapping mapping = randomMapping(random);
            EventNormalizer normalizer = Normalizers.windows(mapping);
            for (int n = 0; n < 20; n++) {
                String channel = pick(random, "Chan", "CHAN", "other", null);
                String provider = pick(random, "Prov", "prov", null);
                Long id = random.nextInt(5) == 0 ? null : (long) random.nextInt(5);
                String kind = pick(random, "CreateKey", "createkey", "DeleteKey", null);
                String source = pick(random, "CreateKey", "SetValue", null);
                Map<String, Object> system = new LinkedHashMap<>();
                if (id != null) system.put("EventID", id);
                if (channel != null) system.put("Channel", channel);
                if (provider != null) system.put("Provider", Map.of("#attributes", Map.of("Name", provider)));
                Map<String, Object> data = new LinkedHashMap<>();
                if (kind != null) data.put("Kind", kind);
                if (source != null) data.put("Source", source);
                Event e = normalizer.normalize(Map.of("Event", Map.of("System", system, "EventData", data)));

                Map<String, Object> fields = new LinkedHashMap<>(data);
                Set<String> services = new LinkedHashSet<>();
                Set<String> categories = new LinkedHashSet<>();
                for (Source s : matching(mapping, channel, provider)) {
                    services.addAll(s.services());
                    for (CategoryRoute r : s.categories()) {
                        if ((r.eventIds().isEmpty() || r.eventIds().contains(id)) && r.when().entrySet().stream()
                                .allMatch(w -> fields.get(w.getKey()) != null && w.getValue().stream()
                                        .anyMatch(fields.get(w.getKey()).toString()::equalsIgnoreCase))) {
                            categories.add(r.category());
                            r.fieldMapping().forEach((sigma, own) -> {
                                if (!fields.containsKey(sigma) && fields.containsKey(own)) {
                                    fields.put(sigma, fields.get(own));
                                }
                            });
                        }
                    }
                }
                // in any order: events share logsource keys, which keep the order of the first equal one
                assertThat(e.services()).containsExactlyInAnyOrderElementsOf(services);
                assertThat(e.categories()).containsExactlyInAnyOrderElementsOf(categories);
                assertThat(e.get("Kind")).isEqualTo(fields.get("Kind"));
            }
        }
    }

    private static List<Source> matching(WindowsMapping mapping, String channel, String provider) {
        List<Source> found = new ArrayList<>();
        for (Source s : mapping.sources().values()) {
            if (channel != null && s.channels().stream().anyMatch(channel::equalsIgnoreCase)) found.add(s);
        }
        for (Source s : mapping.sources().values()) {
            if (provider != null && s.providers().stream().anyMatch(provider::equalsIgnoreCase)
                    && found.stream().noneMatch(f -> f == s)) {
                found.add(s);
            }
        }
        return found;
    }

    private static WindowsMapping randomMapping(Random random) {
        Map<String, Source> sources = new LinkedHashMap<>();
        for (int s = 0; s < 1 + random.nextInt(3); s++) {
            List<CategoryRoute> routes = new ArrayList<>();
            for (int r = 0; r < random.nextInt(14); r++) { // up to 13 routes: some plans exceed the bits kept
                Set<Long> ids = new LinkedHashSet<>();
                for (int i = random.nextInt(3); i > 0; i--) ids.add((long) random.nextInt(5));
                Map<String, List<String>> when = random.nextInt(3) == 0 ? Map.of("Kind", List.of("CreateKey"))
                        : Map.of();
                Map<String, String> fields = random.nextInt(4) == 0 ? Map.of("Kind", "Source") : Map.of();
                routes.add(new CategoryRoute("c" + random.nextInt(6), ids, when, fields));
            }
            List<String> channels = random.nextBoolean() ? List.of("chan") : List.of();
            List<String> providers = channels.isEmpty() || random.nextBoolean() ? List.of("PROV") : List.of();
            sources.put("s" + s, new Source(channels, providers, List.of("svc" + random.nextInt(3)), routes));
        }
        return new WindowsMapping("windows", sources);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
