package io.workspaces.command.eventstore;

import io.workspaces.command.support.ApiTestBase;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side tells the query side of its appends with PostgreSQL notifications sent after the write has
 * committed, debounced: a burst of writes makes far fewer notifications than writes, and the last write is always
 * notified. Counted by a connection of the test that LISTENs on the channel, as the query side's listener does.
 * The window is widened to a second so that the debounce shows, and "at once" differs from "at the end of the window", on a busy machine too.
 */
@TestPropertySource(properties = "workspaces.event-store.notify-window=1s")
class AppendNotifierTest extends ApiTestBase {

    @Autowired
    AppendNotifier notifier;

    private Connection listening;
    private final List<Long> notifiedAt = new ArrayList<>();

    @BeforeEach
    void listen() throws SQLException {
        listening = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + AppendNotifier.CHANNEL);
        }
        // let a notification of an earlier write (this context's start, another test) go by
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                .until(() -> { long before = notifiedAt.size(); receive(1200); return notifiedAt.size() == before; });
        notifiedAt.clear();
    }

    @AfterEach
    void close() throws SQLException {
        listening.close();
    }

    @Test
    void aSingleWriteIsNotifiedAtOnce() throws Exception {
        long sent = notifier.notificationsSent();
        createWorkspace("alice", uniqueName("notified"));
        long acknowledged = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).until(() -> { receive(100); return !notifiedAt.isEmpty(); });
        assertThat(notifiedAt.get(0) - acknowledged).as("notified at once, not at the end of the one-second window")
                .isLessThan(Duration.ofMillis(700).toNanos());
        await().atMost(Duration.ofSeconds(5)).until(() -> notifier.notificationsSent() == sent + 1);
        receive(1200);
        assertThat(notifiedAt).as("one write, one notification").hasSize(1);
    }

    @Test
    void aBurstOfWritesIsNotifiedFarFewerTimesAndTheLastWriteToo() throws Exception {
        int writes = 60;
        String id = createWorkspace("alice", uniqueName("burst")).path("id").asText();
        receive(1200);
        notifiedAt.clear();
        long sent = notifier.notificationsSent();

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> statuses = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            String body = "{\"description\":\"write " + i + "\"}";
            statuses.add(clients.submit(() -> api().as("alice").patch("/v1/workspaces/" + id, body).send().status()));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(200);
        }
        long lastAcknowledged = System.nanoTime();
        clients.shutdown();
        double seconds = (lastAcknowledged - started) / 1e9;

        // the trailing notification: one comes after the last write was acknowledged
        await().atMost(Duration.ofSeconds(5))
                .until(() -> { receive(100); return notifiedAt.stream().anyMatch(at -> at > lastAcknowledged); });
        long notifications = notifier.notificationsSent() - sent;
        System.out.printf("%d writes in %.2f s: %d notifications sent, %d received%n", writes, seconds,
                notifications, notifiedAt.size());

        // at most one per one-second window, plus the leading one
        assertThat(notifications).as("notifications for %d writes in %.2f s", writes, seconds)
                .isLessThanOrEqualTo((long) Math.ceil(seconds) + 2)
                .isLessThan(writes / 3);
        assertThat((long) notifiedAt.size()).isLessThanOrEqualTo(notifications);
    }

    /** Collects the notifications that arrive within {@code millis}, with the time each was received. */
    private void receive(int millis) throws SQLException {
        PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications(millis);
        if (notifications != null) {
            for (PGNotification ignored : notifications) {
                notifiedAt.add(System.nanoTime());
            }
        }
    }
}
