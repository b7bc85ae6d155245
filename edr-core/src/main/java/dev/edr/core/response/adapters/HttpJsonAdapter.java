package dev.edr.core.response.adapters;

import dev.edr.core.internal.response.Json;
import dev.edr.core.response.ActionContext;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.HostIsolation;
import dev.edr.core.response.Outcome;
import dev.edr.core.response.PrivilegedAccess;
import dev.edr.core.response.Remediation;
import dev.edr.core.response.ResponseAction;
import dev.edr.core.response.ResponseAction.DisableAccount;
import dev.edr.core.response.ResponseAction.EnableAccount;
import dev.edr.core.response.ResponseAction.IsolateHost;
import dev.edr.core.response.ResponseAction.KillProcess;
import dev.edr.core.response.ResponseAction.QuarantineFile;
import dev.edr.core.response.ResponseAction.ReleaseHost;
import dev.edr.core.response.ResponseAction.RestoreFile;
import dev.edr.core.response.ResponseAction.RevertRegistry;
import dev.edr.core.response.ResponseAction.RevokePrivilege;
import dev.edr.core.response.ResponseAction.RollbackFile;
import dev.edr.core.response.ResponseAction.RotateCredential;
import dev.edr.core.response.ResponseAction.TerminateSessions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A generic REST/JSON adapter: each configured action type becomes one HTTP call (see {@link HttpEndpoint}), with
 * the idempotency key in an {@code Idempotency-Key} header and, for asynchronous vendor jobs, status polling.
 * 2xx is success, 4xx (but 408 and 429) a definitive FAILED, 5xx/408/429 and I/O errors a transient failure that
 * the dispatcher retries. Action types without an endpoint report FAILED.
 */
public final class HttpJsonAdapter implements HostIsolation, Remediation, PrivilegedAccess, AutoCloseable {
    private final String name;
    private final URI base;
    private final Map<String, String> headers;
    private final Map<ActionType, HttpEndpoint> endpoints;
    private final Duration requestTimeout;
    private final Duration pollInterval;
    private final int maxPolls;
    private final HttpClient client;
    private final ScheduledExecutorService poller;

    private HttpJsonAdapter(Builder b) {
        this.name = b.name;
        this.base = b.base;
        this.headers = Map.copyOf(b.headers);
        this.endpoints = new EnumMap<>(b.endpoints);
        this.requestTimeout = b.requestTimeout;
        this.pollInterval = b.pollInterval;
        this.maxPolls = b.maxPolls;
        this.client = HttpClient.newBuilder().connectTimeout(b.requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edr-http-adapter-poll");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder(URI base) {
        return new Builder(base);
    }

    public static final class Builder {
        private final URI base;
        private String name = "http";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<ActionType, HttpEndpoint> endpoints = new EnumMap<>(ActionType.class);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration pollInterval = Duration.ofSeconds(2);
        private int maxPolls = 30;

        private Builder(URI base) {
            this.base = Objects.requireNonNull(base);
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** A header sent with every request (an API token, a tenant id). */
        public Builder header(String headerName, String value) {
            headers.put(headerName, value);
            return this;
        }

        /**
         * @throws IllegalArgumentException when a template names a placeholder the action does not have
         */
        public Builder endpoint(ActionType type, HttpEndpoint endpoint) {
            for (String p : endpoint.placeholders()) {
                if (type.param(p).isEmpty() && !Set.of("key", "type", "rule", "reference").contains(p)) {
                    throw new IllegalArgumentException("{" + p + "} is not a parameter of " + type.wireName());
                }
            }
            endpoints.put(type, endpoint);
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Status polling: every {@code interval}, at most {@code maxPolls} times, then PENDING with the reference. */
        public Builder polling(Duration interval, int maxPolls) {
            this.pollInterval = Objects.requireNonNull(interval);
            this.maxPolls = maxPolls;
            return this;
        }

        public HttpJsonAdapter build() {
            return new HttpJsonAdapter(this);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Thrown into the stage for failures worth retrying. */
    static final class TransientHttpFailure extends IOException {
        private static final long serialVersionUID = 1L;

        TransientHttpFailure(String message) {
            super(message);
        }
    }

    private CompletionStage<Outcome> call(ResponseAction action, ActionContext ctx) {
        HttpEndpoint ep = endpoints.get(action.type());
        if (ep == null) {
            return CompletableFuture.completedFuture(Outcome.failed(name + " has no endpoint for "
                    + action.type().wireName()));
        }
        Map<String, String> values = new LinkedHashMap<>(action.params());
        values.put("key", ctx.key());
        values.put("type", action.type().wireName());
        values.put("rule", Objects.requireNonNullElse(ctx.ruleId(), ""));
        String path = HttpEndpoint.expand(ep.path(), values, HttpJsonAdapter::urlEncode);
        if (path == null) {
            return CompletableFuture.completedFuture(Outcome.failed("a parameter of " + ep.path() + " has no value"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (ep.body().isEmpty()) {
            body.put("action", action.type().wireName());
            body.putAll(action.params());
            body.put("idempotency_key", ctx.key());
        } else {
            ep.body().forEach((k, template) -> {
                String v = HttpEndpoint.expand(template, values, s -> s);
                if (v != null) {
                    body.put(k, v);
                }
            });
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Idempotency-Key", ctx.key())
                .method(ep.method(), HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        headers.forEach(req::header);
        return client.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenCompose(resp -> answer(ep, values, resp));
    }

    private CompletableFuture<Outcome> answer(HttpEndpoint ep, Map<String, String> values, HttpResponse<String> resp) {
        int status = resp.statusCode();
        if (status >= 500 || status == 408 || status == 429) {
            return CompletableFuture.failedFuture(new TransientHttpFailure("HTTP " + status + " from " + name + ": "
                    + excerpt(resp.body())));
        }
        if (status >= 300) {
            return CompletableFuture.completedFuture(Outcome.failed("HTTP " + status + " from " + name + ": "
                    + excerpt(resp.body())));
        }
        String reference = ep.referenceField() == null ? null : field(resp.body(), ep.referenceField());
        if (ep.statusPath() == null || reference == null) {
            return CompletableFuture.completedFuture(status == 202 ? Outcome.accepted(reference, "HTTP 202")
                    : new Outcome(Outcome.Status.SUCCEEDED, reference, "HTTP " + status));
        }
        Map<String, String> withRef = new LinkedHashMap<>(values);
        withRef.put("reference", reference);
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        poll(ep, HttpEndpoint.expand(ep.statusPath(), withRef, HttpJsonAdapter::urlEncode), reference, 1, done);
        return done;
    }

    private void poll(HttpEndpoint ep, String statusPath, String reference, int n, CompletableFuture<Outcome> done) {
        poller.schedule(() -> {
            HttpRequest.Builder req;
            try {
                req = HttpRequest.newBuilder(base.resolve(statusPath)).timeout(requestTimeout)
                        .header("Accept", "application/json").GET();
                headers.forEach(req::header);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            client.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((resp, error) -> {
                        String state = error == null && resp.statusCode() / 100 == 2
                                ? field(resp.body(), ep.statusField()) : null;
                        if (state != null && ep.doneValues().contains(state)) {
                            done.complete(new Outcome(Outcome.Status.SUCCEEDED, reference, "job " + state));
                        } else if (state != null && ep.failedValues().contains(state)) {
                            done.complete(new Outcome(Outcome.Status.FAILED, reference, "job " + state));
                        } else if (n >= maxPolls) {
                            // the vendor has it; a responder can follow the reference
                            done.complete(Outcome.pending(reference, "job still " + (state == null ? "unknown"
                                    : state) + " after " + n + " polls"));
                        } else {
                            poll(ep, statusPath, reference, n + 1, done);
                        }
                    });
        }, pollInterval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A top-level or dotted field of a JSON object body, as text; {@code null} when absent or not JSON. */
    static String field(String body, String dotted) {
        Object cur;
        try {
            cur = Json.read(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String part : dotted.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur == null || cur instanceof Map || cur instanceof java.util.List ? null : cur.toString();
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String excerpt(String body) {
        String b = body == null ? "" : body.strip();
        return b.length() > 200 ? b.substring(0, 200) + "…" : b;
    }

    @Override public CompletionStage<Outcome> isolate(IsolateHost a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> release(ReleaseHost a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> killProcess(KillProcess a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> quarantineFile(QuarantineFile a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> restoreFile(RestoreFile a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> rollbackFile(RollbackFile a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> revertRegistry(RevertRegistry a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> terminateSessions(TerminateSessions a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> disableAccount(DisableAccount a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> enableAccount(EnableAccount a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> rotateCredential(RotateCredential a, ActionContext c) { return call(a, c); }
    @Override public CompletionStage<Outcome> revokePrivilege(RevokePrivilege a, ActionContext c) { return call(a, c); }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
