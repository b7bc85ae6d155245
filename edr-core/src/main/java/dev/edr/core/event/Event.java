package dev.edr.core.event;

import dev.edr.core.internal.event.FieldMap;
import dev.edr.core.internal.event.KeywordText;
import dev.edr.core.internal.event.SourceKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A normalized endpoint event: where it comes from (logsource product, the Sigma categories and services it
 * feeds), when, on which host, its fields under Sigma taxonomy names, and the original record (for keyword
 * search and output). Field values are plain JSON-like Java values: String, Long, Double, BigInteger,
 * BigDecimal, Boolean, List, Map or {@code null}. Immutable.
 */
public final class Event {
    private final SourceKey source;
    private final Instant time;
    private final String host;
    private final Map<String, Object> fields;
    private final Object original;
    /** See {@link KeywordText}; null when the record is too large for keyword search to walk. */
    private final Object keywordText;
    private volatile Map<String, String> lowerCaseNames;

    static {
        KeywordText.grant(e -> e.keywordText);
        SourceKey.grant(e -> e.source);
    }

    private Event(Builder b) {
        this.source = SourceKey.of(b.product, b.categories, b.services);
        this.time = b.time;
        this.host = b.host;
        this.fields = FieldMap.copyOf(b.fields);
        this.original = b.original == null ? this.fields : b.original;
        this.keywordText = KeywordText.compute(this.original);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A flat event: the given fields, no logsource. */
    public static Event of(Map<String, ?> fields) {
        return builder().fields(fields).build();
    }

    /** Logsource product ({@code windows}, {@code linux}, ...) or {@code null} when unknown. */
    public String product() {
        return source.product();
    }

    /** Sigma categories this event feeds (lower case), possibly empty. */
    public Set<String> categories() {
        return source.categories();
    }

    /** Sigma services this event feeds (lower case), possibly empty. */
    public Set<String> services() {
        return source.services();
    }

    /** Whether anything is known about the logsource of this event. */
    public boolean hasLogSource() {
        return source.known();
    }

    public Instant time() {
        return time;
    }

    public String host() {
        return host;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public Object original() {
        return original;
    }

    /** Whether the field is present (its value may be null). Exact name first, then case-insensitive. */
    public boolean has(String name) {
        return fields.containsKey(name) || fields.containsKey(resolveCaseInsensitive(name));
    }

    /** The field's value, or {@code null} when absent or null. Exact name first, then case-insensitive. */
    public Object get(String name) {
        Object v = fields.get(name);
        if (v != null || fields.containsKey(name)) {
            return v;
        }
        String actual = resolveCaseInsensitive(name);
        return actual == null ? null : fields.get(actual);
    }

    private String resolveCaseInsensitive(String name) {
        Map<String, String> m = lowerCaseNames;
        if (m == null) {
            m = new java.util.HashMap<>();
            for (String k : fields.keySet()) {
                m.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
            }
            lowerCaseNames = m;
        }
        return m.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "Event{" + source + " " + fields + "}";
    }

    public static final class Builder {
        private String product;
        private Set<String> categories = Set.of();
        private Set<String> services = Set.of();
        private Instant time;
        private String host;
        private Map<String, ?> fields = Map.of();
        private Object original;

        private Builder() {}

        public Builder product(String product) {
            this.product = product;
            return this;
        }

        public Builder categories(Set<String> categories) {
            this.categories = Objects.requireNonNull(categories);
            return this;
        }

        public Builder services(Set<String> services) {
            this.services = Objects.requireNonNull(services);
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder fields(Map<String, ?> fields) {
            this.fields = Objects.requireNonNull(fields);
            return this;
        }

        /**
         * The record as received (default: the fields). It is not copied, and keyword search reads a text taken
         * from it when the event is built: do not change it afterwards.
         */
        public Builder original(Object original) {
            this.original = original;
            return this;
        }

        public Event build() {
            return new Event(this);
        }
    }
}
