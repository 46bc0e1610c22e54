package io.workspaces.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.workspaces.client.model.WebhookRequest;
import io.workspaces.client.testing.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The retry rule against a tiny local HTTP server that answers from a script: 503 with Retry-After then 200,
 * dropped connections, 4xx.
 */
class RetryTest {

    /** One scripted answer: a status, headers and a body, or (status 0) a connection closed without an answer. */
    record Scripted(int status, Map<String, String> headers, String body) {
        static Scripted drop() {
            return new Scripted(0, Map.of(), "");
        }
    }

    /** What the server saw: method, path and headers of each request. */
    record Seen(String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders())));
        Scripted next = script.poll();
        if (next == null || next.status() == 0) {
            // no answer at all: the client sees the connection close
            exchange.close();
            return;
        }
        next.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = next.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(next.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private WorkspacesClient client(RetryPolicy policy) {
        return WorkspacesClient.builder().commandUrl(url).queryUrl(url).retryPolicy(policy)
                .requestTimeout(Duration.ofSeconds(5)).build();
    }

    private static final String WORKSPACE = "{\"id\":\"3f1c2b6e-0000-4000-8000-000000000001\",\"name\":\"ml-team\","
            + "\"description\":\"d\",\"created_at\":\"2026-11-26T13:27:36.123456Z\",\"created_by\":\"alice\","
            + "\"updated_at\":\"2026-11-26T13:27:36.123456Z\",\"updated_by\":\"alice\",\"version\":2,"
            + "\"member_count\":1,\"entity_counts\":{},\"added_later\":true}";

    private static Scripted unavailable(String retryAfter) {
        return new Scripted(503, retryAfter == null ? Map.of("Content-Type", "application/problem+json")
                : Map.of("Retry-After", retryAfter, "Content-Type", "application/problem+json"),
                "{\"type\":\"urn:problem-type:workspaces:unavailable\",\"title\":\"Service unavailable\",\"status\":503,"
                        + "\"detail\":\"the database is not reachable right now; retry shortly\"}");
    }

    @Test
    void a503WithRetryAfterIsWaitedForThenTheAnswerComes() {
        script.add(unavailable("1"));
        script.add(new Scripted(200, Map.of("Content-Type", "application/json"), WORKSPACE));
        long started = System.nanoTime();

        var workspace = client(RetryPolicy.defaults()).getWorkspace("ml-team");

        assertThat(workspace.name()).isEqualTo("ml-team");
        assertThat(workspace.createdAt().getNano()).isEqualTo(123_456_000);
        assertThat(seen).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a503IsRetriedEvenForAWriteThatIsNotIdempotentAndTheRetriesRunOut() {
        for (int i = 0; i < 3; i++) {
            script.add(unavailable(null));
        }
        WorkspacesClient client = client(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofSeconds(5)));

        assertThatThrownBy(() -> client.updateDescription("ml-team", "x", null))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.type()).isEqualTo("unavailable");
                    assertThat(e.problem().detail()).contains("retry shortly");
                });
        assertThat(seen).hasSize(3).allMatch(request -> request.method().equals("PATCH"));
    }

    @Test
    void aRetryAfterLongerThanThePolicyAllowsIsNotWaitedFor() {
        script.add(unavailable("120"));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client(RetryPolicy.defaults()).getWorkspace("ml-team"))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
        assertThat(seen).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void clientErrorsAreNeverRetried() {
        script.add(new Scripted(404, Map.of("Content-Type", "application/problem+json"),
                "{\"type\":\"urn:problem-type:workspaces:workspace-not-found\",\"title\":\"Workspace not found\","
                        + "\"status\":404,\"detail\":\"no workspace ml-team\",\"request_id\":\"r-1\"}"));
        script.add(new Scripted(200, Map.of(), WORKSPACE));

        assertThatThrownBy(() -> client(RetryPolicy.defaults()).getWorkspace("ml-team"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.type()).isEqualTo("workspace-not-found");
                    assertThat(e.problem().requestId()).isEqualTo("r-1");
                    assertThat(e.getMessage()).contains("no workspace ml-team").contains("r-1");
                });
        assertThat(seen).hasSize(1);
    }

    @Test
    void aDroppedConnectionIsRetriedForAReadButNotForAPatch() {
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));
        script.add(Scripted.drop());
        script.add(new Scripted(200, Map.of("Content-Type", "application/json"), WORKSPACE));
        assertThat(client(quick).getWorkspace("ml-team").version()).isEqualTo(2);
        assertThat(seen).hasSize(2);

        seen.clear();
        script.clear();
        script.add(Scripted.drop());
        script.add(new Scripted(200, Map.of("Content-Type", "application/json"), WORKSPACE));
        assertThatThrownBy(() -> client(quick).updateDescription("ml-team", "x", 2L))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.service()).isEqualTo(Service.COMMAND);
                    assertThat(e.requestMayHaveBeenSent()).isTrue();
                });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).header("If-Match")).isEqualTo("\"2\"");
    }

    @Test
    void a502IsRetriedOnlyForRequestsSafeToSendTwice() {
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));
        script.add(new Scripted(502, Map.of(), "<html>bad gateway</html>"));
        assertThatThrownBy(() -> client(quick).createWebhook(WebhookRequest.to("https://example.invalid/hook")))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.body()).contains("bad gateway");
                    assertThat(e.problem().json()).isNull();
                });
        assertThat(seen).hasSize(1);
    }

    @Test
    void aCreateIsResentWithTheSameIdempotencyKey() {
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));
        script.add(Scripted.drop());
        script.add(new Scripted(201, Map.of("Content-Type", "application/json", "X-Consistency-Token", "41",
                "ETag", "\"1\""), WORKSPACE));
        WorkspacesClient session = client(quick).session();

        var created = session.createWorkspace("ml-team", "d");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.consistencyToken()).isEqualTo(41);
        assertThat(created.version()).isEqualTo(1);
        assertThat(session.consistencyToken()).hasValue(41);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).header("Idempotency-Key")).isNotBlank()
                .isEqualTo(seen.get(1).header("Idempotency-Key"));
    }

    @Test
    void theTokenSupplierIsAskedOnEveryAttempt() {
        AtomicInteger calls = new AtomicInteger();
        script.add(unavailable("0"));
        script.add(new Scripted(200, Map.of("Content-Type", "application/json"), WORKSPACE));
        WorkspacesClient client = WorkspacesClient.builder().commandUrl(url).queryUrl(url)
                .tokenSupplier(() -> "token-" + calls.incrementAndGet()).build();

        client.getWorkspace("ml-team");

        assertThat(seen).extracting(request -> request.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws IOException {
        int closed = ServiceProcess.freePort();
        WorkspacesClient client = WorkspacesClient.builder().queryUrl("http://127.0.0.1:" + closed)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5)))
                .build();
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.getWorkspace("ml-team"))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ConnectionException.Kind.REFUSED);
                    assertThat(e.requestMayHaveBeenSent()).isFalse();
                    assertThat(e.getMessage()).contains("query side at http://127.0.0.1:" + closed);
                });
        // two back-offs of at least half of 100 ms and 200 ms
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aSessionSendsItsHighestTokenWithReadsOnly() {
        script.add(new Scripted(204, Map.of("X-Consistency-Token", "17", "ETag", "\"3\""), ""));
        script.add(new Scripted(200, Map.of("Content-Type", "application/json"), WORKSPACE));
        script.add(new Scripted(200, Map.of("Content-Type", "application/json"), WORKSPACE));
        WorkspacesClient client = client(RetryPolicy.none());
        WorkspacesClient session = client.after(5);

        var written = session.registerEntity("ml-team", "dataset", "d/1", null);
        session.getWorkspace("ml-team");
        client.getWorkspace("ml-team");

        assertThat(written.consistencyToken()).isEqualTo(17);
        assertThat(written.version()).isEqualTo(3);
        assertThat(seen.get(0).path()).isEqualTo("/v1/workspaces/ml-team/entities/dataset/d%2F1");
        assertThat(seen.get(0).header("X-Consistency-Token")).isNull();
        assertThat(seen.get(1).header("X-Consistency-Token")).isEqualTo("17");
        assertThat(seen.get(2).header("X-Consistency-Token")).isNull();
    }
}
