package dev.edr.core.response.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edr.core.internal.response.Json;
import dev.edr.core.response.ActionContext;
import dev.edr.core.response.ActionRequest;
import dev.edr.core.response.ActionState;
import dev.edr.core.response.ActionType;
import dev.edr.core.response.AuditEntry;
import dev.edr.core.response.Dispatcher;
import dev.edr.core.response.Outcome;
import dev.edr.core.response.ResponseAction.DisableAccount;
import dev.edr.core.response.ResponseAction.IsolateHost;
import dev.edr.core.response.ResponseAction.KillProcess;
import dev.edr.core.response.ResponseAction.RotateCredential;
import dev.edr.core.response.Trigger;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a JDK HTTP server on 127.0.0.1 that plays a vendor console. */
class HttpJsonAdapterTest {
    record Seen(String method, String path, String idempotencyKey, String token, Map<String, Object> body) {}

    HttpServer server;
    URI base;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger jobPolls = new AtomicInteger();
    final AtomicInteger disableCalls = new AtomicInteger();
    HttpJsonAdapter adapter;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        adapter = HttpJsonAdapter.builder(base).name("console").header("Authorization", "Bearer t0ken")
                .polling(Duration.ofMillis(10), 5)
                .endpoint(ActionType.ISOLATE_HOST, HttpEndpoint.post("api/hosts/{host}/isolate")
                        .polling("job.id", "api/jobs/{reference}", "status", Set.of("done"), Set.of("error")))
                .endpoint(ActionType.KILL_PROCESS, HttpEndpoint.post("api/hosts/{host}/kill")
                        .withBody(Map.of("process", "{pid}", "ticket", "edr-{key}")))
                .endpoint(ActionType.DISABLE_ACCOUNT, HttpEndpoint.post("api/accounts/{account}/disable"))
                .endpoint(ActionType.ROTATE_CREDENTIAL, HttpEndpoint.post("api/accounts/{account}/rotate")
                        .polling("id", "api/stuck/{reference}", "status", Set.of("done"), Set.of()))
                .build();
    }

    @AfterEach
    void stop() {
        adapter.close();
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Idempotency-Key"),
                ex.getRequestHeaders().getFirst("Authorization"), body.isEmpty() ? Map.of() : Json.readObject(body)));
        if (path.endsWith("/isolate")) {
            reply(ex, 202, "{\"job\":{\"id\":\"job-17\"}}");
        } else if (path.equals("/api/jobs/job-17")) {
            reply(ex, 200, jobPolls.incrementAndGet() < 3 ? "{\"status\":\"running\"}" : "{\"status\":\"done\"}");
        } else if (path.endsWith("/kill")) {
            reply(ex, 200, "{}");
        } else if (path.endsWith("/disable")) {
            reply(ex, disableCalls.incrementAndGet() == 1 ? 503 : 200, "{\"ok\":true}");
        } else if (path.endsWith("/rotate")) {
            reply(ex, 202, "{\"id\":\"rot-9\"}");
        } else if (path.startsWith("/api/stuck/")) {
            reply(ex, 200, "{\"status\":\"queued\"}");
        } else {
            reply(ex, 404, "{\"error\":\"no such thing\"}");
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    static Outcome get(CompletionStage<Outcome> s) throws Exception {
        return s.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    static ActionContext ctx(String key) {
        return new ActionContext(key, 1, "rule-1", false);
    }

    @Test
    void anAsynchronousJobIsPolledUntilDone() throws Exception {
        Outcome o = get(adapter.isolate(new IsolateHost("ws 01/evil"), ctx("k-iso")));
        assertThat(o.status()).isEqualTo(Outcome.Status.SUCCEEDED);
        assertThat(o.reference()).isEqualTo("job-17");
        assertThat(jobPolls.get()).isEqualTo(3);
        Seen first = seen.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/api/hosts/ws%2001%2Fevil/isolate"); // parameters never become path
        assertThat(first.idempotencyKey()).isEqualTo("k-iso");
        assertThat(first.token()).isEqualTo("Bearer t0ken");
        assertThat(first.body()).containsEntry("action", "isolate_host").containsEntry("host", "ws 01/evil")
                .containsEntry("idempotency_key", "k-iso");
        assertThat(seen.get(1).token()).isEqualTo("Bearer t0ken");
    }

    @Test
    void aBodyTemplateFillsParametersAsJsonText() throws Exception {
        Outcome o = get(adapter.killProcess(new KillProcess("ws01", 4242, true, null), ctx("k\"q")));
        assertThat(o.status()).isEqualTo(Outcome.Status.SUCCEEDED);
        assertThat(seen.get(0).body()).isEqualTo(Map.of("process", "4242", "ticket", "edr-k\"q"));
    }

    @Test
    void aJobThatNeverFinishesEndsPendingWithItsReference() throws Exception {
        Outcome o = get(adapter.rotateCredential(new RotateCredential("CORP\\adm"), ctx("k-rot")));
        assertThat(o.status()).isEqualTo(Outcome.Status.PENDING);
        assertThat(o.reference()).isEqualTo("rot-9");
        assertThat(o.detail()).isEqualTo("job still queued after 5 polls");
        assertThat(seen.get(0).path()).isEqualTo("/api/accounts/CORP%5Cadm/rotate");
    }

    @Test
    void serverErrorsAreTransientClientErrorsDefinitive() throws Exception {
        assertThatThrownBy(() -> get(adapter.disableAccount(new DisableAccount("bob"), ctx("k"))))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(HttpJsonAdapter.TransientHttpFailure.class)
                .hasMessageContaining("HTTP 503");
        HttpJsonAdapter wrongPath = HttpJsonAdapter.builder(base).endpoint(ActionType.ENABLE_ACCOUNT,
                HttpEndpoint.post("api/nowhere/{account}")).build();
        Outcome o = get(wrongPath.enableAccount(new dev.edr.core.response.ResponseAction.EnableAccount("bob"),
                ctx("k")));
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.detail()).contains("HTTP 404", "no such thing");
        assertThat(get(wrongPath.disableAccount(new DisableAccount("bob"), ctx("k"))).detail())
                .contains("no endpoint for disable_account");
        wrongPath.close();
    }

    @Test
    void templatesAreCheckedAgainstTheActionsParameters() {
        assertThatThrownBy(() -> HttpJsonAdapter.builder(base).endpoint(ActionType.DISABLE_ACCOUNT,
                HttpEndpoint.post("api/{host}/disable"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{host} is not a parameter of disable_account");
    }

    @Test
    void throughTheDispatcherA503IsRetriedAndTheKeyStaysTheSame() throws Exception {
        List<AuditEntry> audit = new CopyOnWriteArrayList<>();
        try (Dispatcher d = Dispatcher.builder().privilegedAccess(adapter).hostIsolation(adapter).remediation(adapter)
                .retry(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(20), 0.5).auditListener(audit::add).build()) {
            Trigger t = Trigger.builder().rule("r1", "t", "high").host("ws01").build();
            d.submit(ActionRequest.of(new DisableAccount("bob"), t));
            assertThat(d.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(audit).extracting(AuditEntry::state).containsExactly(ActionState.DISPATCHED,
                ActionState.RETRY_SCHEDULED, ActionState.DISPATCHED, ActionState.SUCCEEDED);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).idempotencyKey()).isEqualTo(seen.get(1).idempotencyKey()).isNotBlank();
    }
}
