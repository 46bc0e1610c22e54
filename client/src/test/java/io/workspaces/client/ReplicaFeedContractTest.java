package io.workspaces.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.workspaces.client.model.AccessAction;
import io.workspaces.client.model.AccessDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replica against a tiny local server that plays the feed's contract with a redelivery the real service never
 * makes: an event sent again after a reconnect is skipped, and each reconnect resumes after the last event received.
 */
class ReplicaFeedContractTest {

    private static final String W = "6ad3dff2-59e9-43d6-bd17-bbe22243d897";

    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private final List<String> pageAfters = new CopyOnWriteArrayList<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final CountDownLatch stop = new CountDownLatch(1);
    private HttpServer server;
    private WorkspacesClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/events", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            pageAfters.add(query.replaceAll(".*after=(\\d+).*", "$1"));
            String body = query.contains("after=0&") || query.endsWith("after=0")
                    ? "{\"data\":[" + envelope(1, "workspace.created",
                    "{\"workspace_id\":\"" + W + "\",\"name\":\"fake\",\"description\":null,\"built_in\":false}")
                    + "," + memberAdded(2, "bob", "viewer") + "," + memberAdded(3, "carol", "editor")
                    + "],\"next_after\":3,\"has_more\":false}"
                    : "{\"data\":[],\"next_after\":" + query.replaceAll(".*after=(\\d+).*", "$1") + ",\"has_more\":false}";
            respond(exchange, "application/json", body);
        });
        server.createContext("/v1/events/stream", exchange -> {
            lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            if (streams.incrementAndGet() == 1) {
                // event 2 again (an at-least-once redelivery), then bob leaves, then the connection drops
                write(out, ":heartbeat\n\nid:2\ndata:" + memberAdded(2, "bob", "viewer") + "\n\n"
                        + "id:4\ndata:" + envelope(4, "workspace.member-removed",
                        "{\"workspace_id\":\"" + W + "\",\"principal\":\"bob\",\"role\":\"viewer\"}") + "\n\n");
                exchange.close();
                return;
            }
            write(out, ":heartbeat\n\n");
            try {
                stop.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        client = WorkspacesClient.builder().commandUrl(url).queryUrl(url).token("t").retryPolicy(RetryPolicy.none())
                .build();
    }

    @AfterEach
    void stop() {
        stop.countDown();
        server.stop(0);
    }

    @Test
    void aRedeliveredEventIsSkippedAndEveryReconnectResumesAfterTheLastEventReceived() {
        try (AccessReplica replica = AccessReplica.builder(client)
                .retryDelays(Duration.ofMillis(10), Duration.ofMillis(100)).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> streams.get() >= 2 && replica.isConnected());

            assertThat(replica.appliedEvents()).isEqualTo(4);
            assertThat(replica.duplicatesSkipped()).isEqualTo(1);
            assertThat(replica.position()).isEqualTo(4);
            assertThat(replica.hasPassed(2)).isTrue();
            assertThat(replica.hasPassed(4)).isTrue();
            assertThat(replica.hasPassed(5)).isFalse();
            // first the feed from the start, the stream after its last event; then the feed and stream after 4
            assertThat(pageAfters).startsWith("0", "4");
            assertThat(lastEventIds).startsWith("3", "4");
            UUID id = UUID.fromString(W);
            assertThat(replica.check("bob", "fake", AccessAction.READ))
                    .isEqualTo(new AccessDecision(false, null, null, "not found"));
            assertThat(replica.check("carol", W, AccessAction.WRITE))
                    .isEqualTo(new AccessDecision(true, "editor", id, null));
            assertThat(replica.check("carol", "fake", AccessAction.MANAGE))
                    .isEqualTo(new AccessDecision(false, "editor", id, "needs admin"));
            assertThat(replica.index().workspace(id).version()).isEqualTo(4);
        }
    }

    private static String memberAdded(long position, String principal, String role) {
        return envelope(position, "workspace.member-added",
                "{\"workspace_id\":\"" + W + "\",\"principal\":\"" + principal + "\",\"role\":\"" + role + "\"}");
    }

    private static String envelope(long position, String type, String data) {
        return "{\"id\":\"e" + position + "\",\"type\":\"" + type + "\",\"revision\":\"1\",\"position\":" + position
                + ",\"workspace_id\":\"" + W + "\",\"occurred_at\":\"2026-12-02T00:00:00Z\",\"actor\":\"root\","
                + "\"data\":" + data + "}";
    }

    private static void respond(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
