package io.workspaces.query.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.events.WorkspaceCreated;
import io.workspaces.events.WorkspaceDescriptionUpdated;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.workspaces.query.support.ProjectionRelease.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blue/green projections: a version 2 of the workspaces projection (descriptions stored in capitals, and a new
 * column) is rebuilt beside version 1 while version 1 serves lists, members and role lookups over HTTP, then
 * switched to under that read load: no read fails, no read mixes the versions, reads after the switch (those
 * carrying a consistency token included) see version 2, and version 1's tables and tokens are gone at the end.
 */
class BlueGreenProjectionTest {

    /** Version 2's tables, as the release bringing it would create them in a migration. */
    private static final String VERSION_2_TABLES = """
            CREATE TABLE workspace_view_v2 (LIKE workspace_view_v1 INCLUDING ALL);
            ALTER TABLE workspace_view_v2 ADD COLUMN description_length INTEGER NOT NULL;
            CREATE TABLE membership_v2 (LIKE membership_v1 INCLUDING ALL);
            CREATE TABLE workspace_entity_v2 (LIKE workspace_entity_v1 INCLUDING ALL);
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
    void aNewVersionIsRebuiltBesideTheLiveOneAndTakesOverUnderReadLoad() throws Exception {
        release = new ProjectionRelease("workspaces_bluegreen");
        JdbcTemplate jdbc = release.jdbc();
        Api command = release.command();

        // the previous release: version 1 alone, with a read model built
        ConfigurableApplicationContext previous = release.querySide(List.of());
        ProjectionRelease.Seeded seeded = release.seedWorkspaces("blue", 12);
        List<String> names = seeded.names();
        long built = seeded.token();
        ProjectionProgress previousProgress = previous.getBean(ProjectionProgress.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> previousProgress.hasPassed(Projections.WORKSPACES, built));
        previous.close();

        // the release with version 2: its migration, then a node with both versions, version 2 held at first
        jdbc.execute(VERSION_2_TABLES);
        rebuildGate = new CountDownLatch(1);
        ConfigurableApplicationContext node = release.querySide(List.of(Version2.class));
        Api query = new Api(RunningServices.baseUrl(node)).as("alice");
        Reader reader = new Reader(query, names);
        Thread readerThread = new Thread(reader, "blue-green-reader");
        readerThread.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.reads.get() >= 30);
            assertThat(release.liveVersion(Projections.WORKSPACES)).as("version 1 serves while version 2 is rebuilt").isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_view_v2", Long.class)).isZero();
            long during = write(command.patch("/v1/workspaces/blue-0", "{\"description\":\"changed during\"}"));
            assertThat(description(query, "blue-0", during)).as("version 1 is kept current").isEqualTo("changed during");

            rebuildGate.countDown();
            await().atMost(Duration.ofSeconds(120)).until(() -> release.liveVersion(Projections.WORKSPACES) == 2);
            int readsAtSwitch = reader.reads.get();
            long after = write(command.patch("/v1/workspaces/blue-1", "{\"description\":\"changed after\"}"));
            assertThat(description(query, "blue-1", after)).as("a read with a token after the switch")
                    .isEqualTo("CHANGED AFTER");
            await().atMost(Duration.ofSeconds(60)).until(() -> reader.reads.get() >= readsAtSwitch + 30);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(jdbc.queryForObject("SELECT to_regclass('workspace_view_v1') IS NULL "
                        + "AND to_regclass('membership_v1') IS NULL AND to_regclass('workspace_entity_v1') IS NULL",
                        Boolean.class)).as("version 1's tables dropped").isTrue();
                assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'workspaces'",
                        Long.class)).as("version 1's token rows dropped").isZero();
                assertThat(jdbc.queryForObject("SELECT previous_version FROM projection_version "
                        + "WHERE projection = 'workspaces'", Integer.class)).isNull();
            });
        } finally {
            reader.stop.set(true);
            readerThread.join(TimeUnit.SECONDS.toMillis(30));
        }

        System.out.printf("blue/green: %d rounds of reads (list, members, role lookup), lists from version 1: %d, "
                + "from version 2: %d%n", reader.reads.get(), reader.sawVersion1.get(), reader.sawVersion2.get());
        assertThat(reader.failures).as("failed reads").isEmpty();
        assertThat(reader.mixed.get()).as("lists mixing versions 1 and 2").isZero();
        assertThat(reader.version1AfterVersion2.get()).as("version 1 seen after version 2").isZero();
        assertThat(reader.sawVersion1.get()).as("lists served by version 1").isPositive();
        assertThat(reader.sawVersion2.get()).as("lists served by version 2").isPositive();
        assertThat(jdbc.queryForObject("SELECT description_length FROM workspace_view WHERE name = 'blue-2'",
                Integer.class)).as("version 2's new column, through the view").isEqualTo("kept 2".length());
        assertThat(jdbc.queryForList("SELECT name FROM workspace_view WHERE name LIKE 'blue-%'", String.class))
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM membership WHERE principal = 'bob'", Long.class))
                .isEqualTo(12);
    }

    private static String description(Api query, String name, long token) {
        Api.Response response = query.get("/v1/workspaces/" + name)
                .header("X-Consistency-Token", Long.toString(token)).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("description").asText();
    }

    /**
     * Reads as alice and bob in a loop: alice's list of workspaces (every description from one version: in capitals
     * from version 2, as written from version 1), the members of a workspace, and bob's role lookup.
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
        private final Api bob;
        private final List<String> names;

        Reader(Api query, List<String> names) {
            this.alice = query.as("alice");
            this.bob = query.as("bob");
            this.names = names;
        }

        @Override
        public void run() {
            int round = 0;
            while (!stop.get()) {
                try {
                    readList();
                    expect(alice.get("/v1/workspaces/" + names.get(round % names.size()) + "/members").send(),
                            "members", body -> body.get("data").size() == 2);
                    expect(bob.get("/v1/principals/bob/workspaces").send(), "role lookup",
                            body -> ours(body.get("data"), grant -> grant.get("workspace")).size() == names.size());
                } catch (RuntimeException e) {
                    failures.add("read threw " + e);
                }
                reads.incrementAndGet();
                round++;
            }
        }

        private void readList() {
            Api.Response list = alice.get("/v1/workspaces?page_size=100").send();
            if (!expect(list, "list", body -> ours(body.get("data"), workspace -> workspace).size() == names.size())) {
                return;
            }
            int capitals = 0;
            int asWritten = 0;
            for (JsonNode workspace : ours(list.json().get("data"), w -> w)) {
                String description = workspace.get("description").asText();
                if (description.equals(description.toUpperCase(Locale.ROOT))) {
                    capitals++;
                } else {
                    asWritten++;
                }
            }
            if (capitals > 0 && asWritten > 0) {
                mixed.incrementAndGet();
            } else if (capitals > 0) {
                sawVersion2.incrementAndGet();
            } else if (sawVersion2.get() > 0) {
                version1AfterVersion2.incrementAndGet();
            } else {
                sawVersion1.incrementAndGet();
            }
        }

        /** The test's workspaces among {@code items} (the service has built-in ones too). */
        private List<JsonNode> ours(JsonNode items, java.util.function.Function<JsonNode, JsonNode> workspace) {
            List<JsonNode> ours = new ArrayList<>();
            items.forEach(item -> {
                if (names.contains(workspace.apply(item).get("name").asText())) {
                    ours.add(item);
                }
            });
            return ours;
        }

        private boolean expect(Api.Response response, String what, java.util.function.Predicate<JsonNode> complete) {
            if (response.status() != 200) {
                failures.add(what + " answered " + response.status() + ": " + response.body());
                return false;
            }
            if (!complete.test(response.json())) {
                failures.add(what + " incomplete: " + response.body());
                return false;
            }
            return true;
        }
    }

    /** The test's version 2, added to the query node's beans (not a component: other tests' nodes must not see it). */
    static class Version2 {

        static final ProjectionVersion VERSION = new ProjectionVersion(Projections.WORKSPACES, 2,
                WorkspaceProjection.VERSION.tables());

        @Bean
        ProjectionVersion workspacesProjectionVersion2() {
            return VERSION;
        }

        @Bean
        WorkspaceProjectionVersion2 workspaceProjectionVersion2(JdbcTemplate jdbc, ProjectionBatches batches) {
            return new WorkspaceProjectionVersion2(jdbc, batches);
        }
    }

    /** Version 2: descriptions in capitals, and their length in a new column. */
    @ProcessingGroup("workspaces-v2")
    static class WorkspaceProjectionVersion2 extends WorkspaceProjection {

        WorkspaceProjectionVersion2(JdbcTemplate jdbc, ProjectionBatches batches) {
            super(jdbc, batches, Version2.VERSION);
        }

        @Override
        @EventHandler
        void on(WorkspaceCreated event, DomainEventMessage<?> message) {
            holdRebuild();
            EventContext at = EventContext.of(message);
            String description = event.description().toUpperCase(Locale.ROOT);
            batch(at).update("""
                            INSERT INTO workspace_view (id, name, description, built_in, created_at, created_by,
                                updated_at, updated_by, version, last_position, member_count, description_length)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                            ON CONFLICT (id) DO NOTHING""",
                    event.workspaceId(), event.name(), description, event.builtIn(), at.occurredAt(), at.actor(),
                    at.occurredAt(), at.actor(), at.versionAfter(), at.position(), description.length());
        }

        @Override
        @EventHandler
        void on(WorkspaceDescriptionUpdated event, DomainEventMessage<?> message) {
            holdRebuild();
            String description = event.newDescription().toUpperCase(Locale.ROOT);
            advance(event.workspaceId(), EventContext.of(message), "description = ?, description_length = ?",
                    description, description.length());
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
