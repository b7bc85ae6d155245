package dev.edr.core.response.adapters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one action maps to a REST call. {@code path} and {@code body} values are templates over the action's
 * parameters ({@code {host}}, {@code {pid}}, {@code {account}}, ...) plus {@code {key}} (idempotency key),
 * {@code {type}} and {@code {rule}}; path values are URL-encoded, body values JSON-escaped, so parameter text never
 * becomes structure. An empty {@code body} sends every parameter plus {@code idempotency_key} and {@code action}.
 * {@code referenceField} names the job id in the response (dot path, e.g. {@code job.id}). With a
 * {@code statusPath} (which may use {@code {reference}}), the adapter polls until {@code statusField} holds one
 * of {@code doneValues} or {@code failedValues}; without one, 202 means ACCEPTED and other 2xx SUCCEEDED.
 */
public record HttpEndpoint(String method, String path, Map<String, String> body, String referenceField,
        String statusPath, String statusField, Set<String> doneValues, Set<String> failedValues) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    public HttpEndpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        body = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body));
        doneValues = Set.copyOf(doneValues);
        failedValues = Set.copyOf(failedValues);
        if (statusPath != null && statusField == null) {
            throw new IllegalArgumentException("polling needs a statusField");
        }
    }

    /** {@code POST path} with the default body and no polling. */
    public static HttpEndpoint post(String path) {
        return new HttpEndpoint("POST", path, Map.of(), null, null, null, Set.of(), Set.of());
    }

    public HttpEndpoint withBody(Map<String, String> template) {
        return new HttpEndpoint(method, path, template, referenceField, statusPath, statusField, doneValues,
                failedValues);
    }

    /** Poll {@code statusPath} (with {@code {reference}} from {@code referenceField}) until done or failed. */
    public HttpEndpoint polling(String referenceField, String statusPath, String statusField, Set<String> done,
            Set<String> failed) {
        return new HttpEndpoint(method, path, body, Objects.requireNonNull(referenceField), statusPath, statusField,
                done, failed);
    }

    /** Placeholder names used in the path, the body and the status path. */
    Set<String> placeholders() {
        Set<String> names = new java.util.HashSet<>();
        collect(path, names);
        body.values().forEach(v -> collect(v, names));
        if (statusPath != null) {
            collect(statusPath, names);
        }
        return names;
    }

    private static void collect(String template, Set<String> out) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            out.add(m.group(1));
        }
    }

    /** Expands placeholders with {@code encode} applied to each value; {@code null} when one has no value. */
    static String expand(String template, Map<String, String> values, java.util.function.UnaryOperator<String> encode) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode.apply(v)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
