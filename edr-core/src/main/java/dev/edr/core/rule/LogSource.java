package dev.edr.core.rule;

/** Sigma logsource. Any of the fields may be {@code null}. Values are compared case-insensitively. */
public record LogSource(String product, String category, String service, String definition) {
    public static final LogSource ANY = new LogSource(null, null, null, null);

    public LogSource {
        product = lower(product);
        category = lower(category);
        service = lower(service);
        definition = definition == null ? null : definition.intern(); // the same requirement text in many rules
    }

    /** Interned: a pack has thousands of rules but a few dozen distinct logsource values. */
    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT).intern();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (product != null) b.append("product=").append(product).append(' ');
        if (category != null) b.append("category=").append(category).append(' ');
        if (service != null) b.append("service=").append(service).append(' ');
        return b.isEmpty() ? "any" : b.toString().trim();
    }
}
