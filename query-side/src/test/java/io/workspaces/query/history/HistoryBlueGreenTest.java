package io.workspaces.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.eventstore.EventStoreConfiguration;
import io.workspaces.common.testing.Api;
import io.workspaces.events.EventTypes;
import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.projection.EventContext;
import io.workspaces.query.projection.ProjectionBatches;
import io.workspaces.query.projection.ProjectionProgress;
import io.workspaces.query.projection.ProjectionVersion;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.support.ProjectionRelease;
import io.workspaces.query.support.RunningServices;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.workspaces.query.support.ProjectionRelease.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blue/green for the history projection: a version 2 (actors stored in capitals, and a new column) is rebuilt beside
 * version 1 while version 1 serves {@code GET /v1/workspaces/{id}/history}, then switched to under that read load:
 * no read fails or comes back incomplete, no page mixes the versions, none shows version 1 after version 2, a read
 * carrying a consistency token after the switch sees version 2, and version 1's table and tokens are gone at the end.
 * The workspaces projection stays at its version 1 throughout.
 */
class HistoryBlueGreenTest {

    /** Version 2's table, as the release bringing it would create it in a migration. */
    private static final String VERSION_2_TABLE = """
            CREATE TABLE workspace_history_v2 (LIKE workspace_history_v1 INCLUDING ALL);
            ALTER TABLE workspace_history_v2 ADD COLUMN payload_bytes INTEGER NOT NULL;
            """;

    /** Holds version 2's rebuild until the test has seen version 1 serve beside it. */
    static volatile CountDownLatch rebuildGate = new CountDownLatch(0);

    private ProjectionRelease release;

    @AfterEach
    void stopAndDrop() {
        rebuildGate.countDown();
        if (release != null) {
            release.close();
        }
    }

    @Test
    void aNewVersionOfTheHistoryIsRebuiltBesideTheLiveOneAndTakesOverUnderReadLoad() throws Exception {
        release = new ProjectionRelease("workspaces_history_bluegreen");
        JdbcTemplate jdbc = release.jdbc();
        Api command = release.command();

        // the previous release: version 1 alone, with a history built
        ConfigurableApplicationContext previous = release.querySide(List.of());
        List<String> names = release.seedWorkspaces("history-blue", 12).names();
        long built = write(command.post("/v1/workspaces",
                "{\"name\":\"history-changing\",\"description\":\"first\"}"));
        ProjectionProgress previousProgress = previous.getBean(ProjectionProgress.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> previousProgress.hasPassed(Projections.HISTORY, built)
                && previousProgress.hasPassed(Projections.WORKSPACES, built));
        Api previousQuery = new Api(RunningServices.baseUrl(previous)).as("alice");
        Map<String, Integer> entries = new HashMap<>();
        for (String name : names) {
            JsonNode history = history(previousQuery, name, built);
            assertThat(actors(history)).as("version 1 stores actors as written").containsOnly("alice");
            entries.put(name, history.get("data").size());
        }
        assertThat(entries.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(3));
        previous.close();

        // the release with version 2: its migration, then a node with both versions, version 2 held at first
        jdbc.execute(VERSION_2_TABLE);
        rebuildGate = new CountDownLatch(1);
        ConfigurableApplicationContext node = release.querySide(List.of(Version2.class));
        Api query = new Api(RunningServices.baseUrl(node)).as("alice");
        Reader reader = new Reader(query, names, entries);
        Thread readerThread = new Thread(reader, "history-blue-green-reader");
        readerThread.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.reads.get() >= 30);
            assertThat(release.liveVersion(Projections.HISTORY)).as("version 1 serves while version 2 is rebuilt").isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_history_v2", Long.class)).isZero();
            long during = write(command.patch("/v1/workspaces/history-changing", "{\"description\":\"during\"}"));
            assertThat(lastActor(query, "history-changing", during)).as("version 1 is kept current")
                    .isEqualTo("alice");

            rebuildGate.countDown();
            await().atMost(Duration.ofSeconds(120)).until(() -> release.liveVersion(Projections.HISTORY) == 2);
            int readsAtSwitch = reader.reads.get();
            long after = write(command.patch("/v1/workspaces/history-changing", "{\"description\":\"after\"}"));
            assertThat(lastActor(query, "history-changing", after)).as("a read with a token after the switch")
                    .isEqualTo("ALICE");
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.reads.get() >= readsAtSwitch + 30);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(jdbc.queryForObject("SELECT to_regclass('workspace_history_v1') IS NULL", Boolean.class))
                        .as("version 1's table dropped").isTrue();
                assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'history'",
                        Long.class)).as("version 1's token rows dropped").isZero();
                assertThat(jdbc.queryForObject("SELECT previous_version FROM projection_version "
                        + "WHERE projection = 'history'", Integer.class)).isNull();
            });
        } finally {
            reader.stop.set(true);
            readerThread.join(TimeUnit.SECONDS.toMillis(30));
        }

        System.out.printf("history blue/green: %d rounds of history reads, served by version 1: %d, by version 2: "
                + "%d%n", reader.reads.get(), reader.sawVersion1.get(), reader.sawVersion2.get());
        assertThat(reader.failures).as("failed reads").isEmpty();
        assertThat(reader.mixed.get()).as("pages mixing versions 1 and 2").isZero();
        assertThat(reader.version1AfterVersion2.get()).as("version 1 seen after version 2").isZero();
        assertThat(reader.sawVersion1.get()).as("pages served by version 1").isPositive();
        assertThat(reader.sawVersion2.get()).as("pages served by version 2").isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_history WHERE payload_bytes IS NULL "
                + "OR payload_bytes <= 0", Long.class)).as("version 2's new column, through the view").isZero();
        assertThat(jdbc.queryForObject("SELECT live_version FROM projection_version WHERE projection = 'workspaces'",
                Integer.class)).as("the workspaces projection is untouched").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT to_regclass('workspace_view_v1') IS NOT NULL", Boolean.class)).isTrue();
    }

    private static JsonNode history(Api query, String name, long token) {
        Api.Response response = query.get("/v1/workspaces/" + name + "/history?page_size=100")
                .header("X-Consistency-Token", Long.toString(token)).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String lastActor(Api query, String name, long token) {
        JsonNode data = history(query, name, token).get("data");
        return data.get(data.size() - 1).get("actor").asText();
    }

    private static List<String> actors(JsonNode history) {
        List<String> actors = new ArrayList<>();
        history.get("data").forEach(entry -> actors.add(entry.get("actor").asText()));
        return actors;
    }

    /**
     * Reads histories as alice in a loop, each expected whole (as many entries as version 1 had before the test),
     * every actor from one version: in capitals from version 2, as written from version 1.
     */
    private static final class Reader implements Runnable {

        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger sawVersion1 = new AtomicInteger();
        final AtomicInteger sawVersion2 = new AtomicInteger();
        final AtomicInteger mixed = new AtomicInteger();
        final AtomicInteger version1AfterVersion2 = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final Api alice;
        private final List<String> names;
        private final Map<String, Integer> entries;

        Reader(Api query, List<String> names, Map<String, Integer> entries) {
            this.alice = query.as("alice");
            this.names = names;
            this.entries = entries;
        }

        @Override
        public void run() {
            int round = 0;
            while (!stop.get()) {
                try {
                    read(names.get(round % names.size()));
                } catch (RuntimeException e) {
                    failures.add("read threw " + e);
                }
                reads.incrementAndGet();
                round++;
            }
        }

        private void read(String name) {
            Api.Response response = alice.get("/v1/workspaces/" + name + "/history?page_size=100").send();
            if (response.status() != 200) {
                failures.add("history of " + name + " answered " + response.status() + ": " + response.body());
                return;
            }
            List<String> actors = actors(response.json());
            if (actors.size() != entries.get(name)) {
                failures.add("history of " + name + " incomplete: " + response.body());
                return;
            }
            long capitals = actors.stream().filter("ALICE"::equals).count();
            long asWritten = actors.stream().filter("alice"::equals).count();
            if (capitals + asWritten != actors.size()) {
                failures.add("history of " + name + " has unexpected actors: " + actors);
            } else if (capitals > 0 && asWritten > 0) {
                mixed.incrementAndGet();
            } else if (capitals > 0) {
                sawVersion2.incrementAndGet();
            } else if (sawVersion2.get() > 0) {
                version1AfterVersion2.incrementAndGet();
            } else {
                sawVersion1.incrementAndGet();
            }
        }
    }

    /** The test's version 2, added to the query node's beans (not a component: other tests' nodes must not see it). */
    static class Version2 {

        static final ProjectionVersion VERSION = new ProjectionVersion(Projections.HISTORY, 2,
                HistoryProjection.VERSION.tables());

        @Bean
        ProjectionVersion historyProjectionVersion2() {
            return VERSION;
        }

        @Bean
        HistoryProjectionVersion2 historyProjectionVersion2Handler(JdbcTemplate jdbc, ProjectionBatches batches) {
            return new HistoryProjectionVersion2(jdbc, batches);
        }
    }

    /** Version 2: actors in capitals, and the payload's size in a new column. */
    @ProcessingGroup("history-v2")
    static class HistoryProjectionVersion2 extends HistoryProjection {

        private static final ObjectMapper EVENT_JSON = EventStoreConfiguration.eventMapper();

        HistoryProjectionVersion2(JdbcTemplate jdbc, ProjectionBatches batches) {
            super(jdbc, batches, Version2.VERSION);
        }

        @Override
        @EventHandler
        void on(WorkspaceEvent event, DomainEventMessage<?> message) throws JsonProcessingException {
            holdRebuild();
            EventContext at = EventContext.of(message);
            Revision revision = event.getClass().getAnnotation(Revision.class);
            String payload = EVENT_JSON.writeValueAsString(event);
            batch(at).update("""
                            INSERT INTO workspace_history (position, workspace_id, sequence_number, event_id,
                                event_type, revision, occurred_at, actor, request_id, correlation_id, causation_id,
                                client_address, payload, payload_bytes)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                            ON CONFLICT (position) DO NOTHING""",
                    at.position(), event.workspaceId(), at.sequenceNumber(), at.eventId(),
                    EventTypes.nameOf(event.getClass()).orElseThrow(), revision == null ? null : revision.value(),
                    at.occurredAt(), at.actor() == null ? null : at.actor().toUpperCase(Locale.ROOT), at.requestId(),
                    at.correlationId(), at.causationId(), at.clientAddress(), payload, payload.length());
        }

        private static void holdRebuild() {
            try {
                if (!rebuildGate.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let version 2 rebuild");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
