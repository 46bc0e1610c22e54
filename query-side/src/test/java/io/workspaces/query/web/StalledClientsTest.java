package io.workspaces.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.feed.SseClient;
import io.workspaces.query.support.RunningServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that send a request and then never read the answer, against a query side of its own (own database,
 * write timeout 3 s, at most 4 exports per node, 2 exports and 2 streams per principal), whose audit log and feed
 * each hold about 10 MB: far more than the socket buffers between the two, so the server's writes block.
 */
@ExtendWith(OutputCaptureExtension.class)
class StalledClientsTest {

    private static final String DATABASE = TestDatabase.URL + "_stalls";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);
    private static final String BIG_EXPORT = "/v1/audit/export?actor=bulk-loader";
    private static final String SMALL_EXPORT = "/v1/audit/export?actor=one-off";
    private static final String WHOLE_FEED = "/v1/events/stream?after=0";

    private static ConfigurableApplicationContext querySide;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        querySide = RunningServices.querySide(DATABASE, TestDatabase.USER, TestDatabase.PASSWORD,
                "--server.tomcat.connection-timeout=" + WRITE_TIMEOUT.toMillis() + "ms",
                "--workspaces.export.max-concurrent=4",
                "--workspaces.export.max-per-principal=2",
                "--workspaces.feed.max-streams-per-principal=2",
                "--workspaces.feed.heartbeat-interval=300ms",
                "--workspaces.feed.poll-interval=100ms",
                // the pool stays 10 (the export limit is below it), opened as needed: the server is shared
                "--spring.datasource.hikari.minimum-idle=1");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(DATABASE, TestDatabase.USER, TestDatabase.PASSWORD));
        // 5,000 audit entries and 5,000 feed entries of about 2 kB each
        jdbc.update("""
                INSERT INTO workspace_history (position, workspace_id, sequence_number, event_id, event_type, revision,
                    occurred_at, actor, request_id, correlation_id, causation_id, client_address, payload)
                SELECT 1000000000 + g, gen_random_uuid(), 1, gen_random_uuid()::text, 'workspace.description-updated',
                       '1', now(), CASE WHEN g = 1 THEN 'one-off' ELSE 'bulk-loader' END, 'req-' || g, 'corr-' || g,
                       'cause-' || g, '127.0.0.1',
                       jsonb_build_object('workspace_id', gen_random_uuid(), 'old_description', '',
                                          'new_description', repeat('x', 1900) || g)
                FROM generate_series(1, 5001) AS g""");
        jdbc.update("""
                INSERT INTO feed_event (position, envelope)
                SELECT 1000000000 + g, json_build_object('position', 1000000000 + g, 'data', repeat('y', 1900))::text
                FROM generate_series(1, 5000) AS g""");
    }

    @AfterAll
    static void stop() {
        querySide.close();
        DatabaseCreator.drop(DATABASE, TestDatabase.USER, TestDatabase.PASSWORD);
    }

    @Test
    void stalledExportsHoldOnlyTheirSlotsAndGiveTheirConnectionsBackAfterTheWriteTimeout(CapturedOutput log) {
        List<Socket> stalled = new ArrayList<>();
        try {
            String ann = auditor("ann");
            stalled.add(stalledRequest(BIG_EXPORT, ann));
            stalled.add(stalledRequest(BIG_EXPORT, ann));
            stalled.add(stalledRequest(BIG_EXPORT, auditor("bob")));
            await().atMost(Duration.ofSeconds(30)).until(() -> exportsIdleInTransaction() == 3);

            // while they hang, the rest of the service answers: other reads, another caller's export ...
            String cat = auditor("cat");
            assertThat(api(cat).get("/v1/workspaces").send().status()).isEqualTo(200);
            assertThat(api(cat).get("/v1/audit/events?limit=10").send().status()).isEqualTo(200);
            Api.Response small = api(cat).get(SMALL_EXPORT).send();
            assertThat(small.status()).isEqualTo(200);
            assertThat(small.body().lines()).hasSize(1);
            // ... and a caller at its own limit is told so at once
            Api.Response third = api(ann).get(BIG_EXPORT).send();
            JsonNode perCaller = assertProblem(third, 503, "too-many-exports");
            assertThat(third.header("Retry-After")).isEqualTo("10");
            assertThat(perCaller.path("detail").asText()).contains("this caller already runs 2 audit exports");
            // the node's limit (4, below the pool of 10) is the last slot
            stalled.add(stalledRequest(BIG_EXPORT, cat));
            await().atMost(Duration.ofSeconds(30)).until(() -> exportsIdleInTransaction() == 4);
            JsonNode perNode = assertProblem(api(auditor("dan")).get(SMALL_EXPORT).send(), 503, "too-many-exports");
            assertThat(perNode.path("detail").asText()).contains("this node already runs 4 audit exports");
            assertThat(api(auditor("dan")).get("/v1/workspaces").send().status()).isEqualTo(200);

            // the write timeout ends each: its cursor's transaction closes and its connection goes back to the pool
            await().atMost(WRITE_TIMEOUT.multipliedBy(10)).until(() -> exportsIdleInTransaction() == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> api(ann).get(SMALL_EXPORT).send().status() == 200);
            Api.Response again = api(ann).get(SMALL_EXPORT).send();
            assertThat(again.header("X-Audit-Event-Count")).isEqualTo("1");
            assertThat(again.body().lines()).hasSize(1);
            assertQuietLog(log);
        } finally {
            stalled.forEach(StalledClientsTest::close);
        }
    }

    @Test
    void stalledStreamsHoldUpNoOtherStreamAndTheWriteTimeoutFreesTheirSlots(CapturedOutput log) {
        List<Socket> stalled = new ArrayList<>();
        String eve = auditor("eve");
        try {
            // four streams stuck writing the whole feed, two callers' worth (2 per caller here)
            for (String caller : List.of(eve, eve, auditor("fay"), auditor("fay"))) {
                stalled.add(stalledRequest(WHOLE_FEED, caller));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stalled.stream().allMatch(StalledClientsTest::answered));
            JsonNode refused = assertProblem(api(eve).get("/v1/events/stream").send(), 503, "too-many-streams");
            assertThat(refused.path("detail").asText()).contains("this caller already holds 2 event streams");

            try (SseClient other = SseClient.open(url("/v1/events/stream"), auditor("gus"), null)) {
                assertThat(other.status()).isEqualTo(200);
                int heartbeats = other.comments();
                await().atMost(Duration.ofSeconds(10)).until(() -> other.comments() >= heartbeats + 3);
            }

            // the write timeout ends the stuck streams, and their caller may open new ones
            List<SseClient> reopened = new ArrayList<>();
            try {
                await().atMost(WRITE_TIMEOUT.multipliedBy(10)).until(() -> {
                    SseClient stream = SseClient.open(url("/v1/events/stream"), eve, null);
                    reopened.add(stream);
                    return stream.status() == 200;
                });
            } finally {
                reopened.forEach(SseClient::close);
            }
            assertQuietLog(log);
        } finally {
            stalled.forEach(StalledClientsTest::close);
        }
    }

    /** A client that stops reading is no failure of the service: no error answer, no stack trace. */
    private static void assertQuietLog(CapturedOutput log) {
        assertThat(log.getAll()).doesNotContain("ProblemResponses", "ExceptionHandlerExceptionResolver", "\tat ");
    }

    /** Exports whose cursor's transaction is open while the server waits to write (their last query is theirs). */
    private static int exportsIdleInTransaction() {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND state = 'idle in transaction'
                  AND query LIKE '%FROM workspace_history%ORDER BY position'""", Integer.class);
        return count == null ? 0 : count;
    }

    /** Sends a GET and never reads: a small receive buffer, and nothing taken out of it. */
    private static Socket stalledRequest(String path, String token) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server has begun to answer (bytes wait in the receive buffer, unread). */
    private static boolean answered(Socket socket) {
        try {
            return socket.getInputStream().available() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed by the server already
        }
    }

    private static String auditor(String name) {
        return TestTokens.token(name + "-" + UUID.randomUUID().toString().substring(0, 8), List.of("auditor"));
    }

    private static Api api(String token) {
        return new Api(RunningServices.baseUrl(querySide)).bearer(token);
    }

    private static String url(String path) {
        return RunningServices.baseUrl(querySide) + path;
    }

    private static int port() {
        return Integer.parseInt(querySide.getEnvironment().getProperty("local.server.port"));
    }
}
