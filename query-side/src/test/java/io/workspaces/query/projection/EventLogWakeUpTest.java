package io.workspaces.query.projection;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.eventstore.PositionedJdbcEventStorageEngine;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.support.RunningServices;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query side learns of appends from PostgreSQL's notifications, not by polling the log: idle, it does not read
 * the event table at all; a write shows up as soon as it is notified; and when the listening connection is lost
 * the node polls until it listens again, skipping nothing. The safety-net read is switched off here
 * ({@code idle-fetch-delay} of an hour), so that only notifications, or the polling while not listening, can move
 * the projections. Runs on a database of its own, so that its counters are this node's and the command side's only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventLogWakeUpTest {

    private static final String URL = TestDatabase.URL + "_wakeup";
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static JdbcTemplate jdbc;
    private static Api command;

    @BeforeAll
    static void start() {
        commandSide = RunningServices.commandSide(URL, TestDatabase.USER, TestDatabase.PASSWORD);
        querySide = RunningServices.querySide(URL, TestDatabase.USER, TestDatabase.PASSWORD,
                "--workspaces.event-store.idle-fetch-delay=1h");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, TestDatabase.USER, TestDatabase.PASSWORD));
        command = new Api(RunningServices.baseUrl(commandSide)).as("alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> listener().isListening());
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        DatabaseCreator.drop(URL, TestDatabase.USER, TestDatabase.PASSWORD);
    }

    @Test
    @Order(1)
    void aWriteIsProjectedAsSoonAsItIsNotified() {
        for (int i = 0; i < 3; i++) {
            long wakeUps = listener().wakeUps();
            long position = write(command.post("/v1/workspaces", "{\"name\":\"notified-" + i + "\"}"));
            long acknowledged = System.nanoTime();
            awaitProjected(position, Duration.ofSeconds(10));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acknowledged);
            System.out.println("write acknowledged to projected, through a notification: " + millis + " ms");
            assertThat(listener().wakeUps()).as("woken by the notification").isGreaterThan(wakeUps);
        }
    }

    @Test
    @Order(2)
    void anIdleNodeDoesNotReadTheEventLog() throws Exception {
        long position = write(command.post("/v1/workspaces", "{\"name\":\"before-idle\",\"description\":\"\"}"));
        // the audit chain and the feed read the event table while they apply an event: let every processor finish
        await().atMost(Duration.ofSeconds(30)).until(() -> everyProcessorHasPassed(position));
        // A backend that flushed its statistics less than a second ago and goes idle keeps what it counted since for
        // PostgreSQL's idle interval (10 s) before it reaches pg_stat_*: wait that out, or the work of the write
        // above would be counted as the idle node's
        Thread.sleep(11_000);
        long wakeUps = listener().wakeUps();
        long logReads = storageEngine().logReads();
        long scans = eventTableScans();
        long commits = commits();
        long started = System.nanoTime();
        Thread.sleep(7500);
        long wakeUpsIdle = listener().wakeUps() - wakeUps;
        long logReadsIdle = storageEngine().logReads() - logReads;
        long scansIdle = eventTableScans() - scans;
        double seconds = (System.nanoTime() - started) / 1e9;
        double commitsPerSecond = (commits() - commits) / seconds;
        System.out.printf("idle for %.1f s: %d reads of the log, %d scans of the event table, %d wake-ups, "
                + "%.1f transactions/s in its database (both sides)%n", seconds, logReadsIdle, scansIdle, wakeUpsIdle,
                commitsPerSecond);

        assertThat(wakeUpsIdle).as("nothing woke the event store").isZero();
        // counted in the storage engine itself, so exact: polling every 50 ms would make 20 a second
        assertThat(logReadsIdle).as("batches read from the log by the processors while idle").isZero();
        // anything else reading the table (there should be nothing): a looser bound, since PostgreSQL's counters
        // of the claim renewals below may arrive late
        assertThat(scansIdle).as("scans of domain_event_entry while idle").isLessThan(40);
        // what remains is the processors' claim renewals and the webhook dispatcher's look for due deliveries
        // (10-21 a second measured, both sides together; 43 when it polled): well below polling's rate, with room
        // for a busy machine delaying some renewals into the window
        assertThat(commitsPerSecond).as("transactions per second of an idle node (43 when it polled)")
                .isLessThan(32);
    }

    @Test
    @Order(3)
    void afterLosingItsConnectionTheListenerConnectsAgainAndNothingIsSkipped() {
        long connections = listener().connections();
        Integer terminated = jdbc.queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND application_name = ?", Integer.class,
                EventLogListener.APPLICATION_NAME);
        assertThat(terminated).isEqualTo(1);

        long whileReconnecting = write(command.post("/v1/workspaces", "{\"name\":\"while-reconnecting\"}"));
        awaitProjected(whileReconnecting, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> listener().isListening() && listener().connections() > connections);

        long afterReconnect = write(command.put("/v1/workspaces/while-reconnecting/members/bob", "{\"role\":\"editor\"}"));
        awaitProjected(afterReconnect, Duration.ofSeconds(10));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = ?", Integer.class, EventLogListener.APPLICATION_NAME)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_history", Long.class))
                .as("every event in the history, none skipped")
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
        assertThat(jdbc.queryForObject("SELECT member_count FROM workspace_view WHERE name = 'while-reconnecting'",
                Integer.class)).isEqualTo(2);
    }

    private static EventLogListener listener() {
        return querySide.getBean(EventLogListener.class);
    }

    private static boolean everyProcessorHasPassed(long position) {
        return querySide.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .allMatch(processor -> !processor.processingStatus().isEmpty() && processor.processingStatus().values()
                        .stream().allMatch(status -> status.getCurrentPosition().orElse(-1) >= position));
    }

    private static PositionedJdbcEventStorageEngine storageEngine() {
        return querySide.getBean(PositionedJdbcEventStorageEngine.class);
    }

    private static long eventTableScans() {
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        return jdbc.queryForObject("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables "
                + "WHERE relname = 'domain_event_entry'", Long.class);
    }

    private static long commits() {
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        return jdbc.queryForObject("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                + "WHERE datname = current_database()", Long.class);
    }

    private static void awaitProjected(long position, Duration within) {
        ProjectionProgress progress = querySide.getBean(ProjectionProgress.class);
        await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() ->
                Projections.ALL.stream().allMatch(projection -> progress.hasPassed(projection, position)));
    }

    private static long write(Api.Request request) {
        Api.Response response = request.send();
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response.consistencyToken();
    }
}
