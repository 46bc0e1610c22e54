package io.workspaces.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.events.EventTypes;
import io.workspaces.events.WorkspaceDescriptionUpdated;
import io.workspaces.query.support.RunningServices;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling upgrade across an event revision: an old query node and a new one on the same database, and a revision of
 * {@code workspace.description-updated} that only the new release knows (revision 2, with a new field {@code summary}),
 * appended as a new command node would write it. The old node, which has no upcaster for it, reads it in the shape it
 * knows and goes on projecting (no processor stuck or in error), and so does the old command side loading the
 * workspace; the new node reads the new field. The new release's class cannot live beside the old one in one JVM,
 * so the new node's knowledge is a test upcaster that carries the new field into the event's metadata, where a test
 * projection of the new node reads it.
 */
class EventRevisionUpgradeTest {

    private static final String TYPE = EventTypes.nameOf(WorkspaceDescriptionUpdated.class).orElseThrow();

    private final String url = TestDatabase.SERVER + "/workspaces_revision_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    @AfterEach
    void stopAndDrop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        DatabaseCreator.drop(url, TestDatabase.USER, TestDatabase.PASSWORD);
    }

    @Test
    void anOldNodeReadsANewRevisionInTheShapeItKnowsAndTheNewNodeReadsItsNewField() {
        DatabaseCreator.ensureExists(url, TestDatabase.USER, TestDatabase.PASSWORD);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, TestDatabase.USER, TestDatabase.PASSWORD));
        ConfigurableApplicationContext commandSide = start(RunningServices.commandSide(url, TestDatabase.USER,
                TestDatabase.PASSWORD));
        Api command = new Api(RunningServices.baseUrl(commandSide)).as("alice");
        ConfigurableApplicationContext oldNode = start(RunningServices.querySide(url, TestDatabase.USER,
                TestDatabase.PASSWORD));
        Api oldQuery = new Api(RunningServices.baseUrl(oldNode)).as("alice");

        String name = "revised";
        Api.Response created = command.post("/v1/workspaces", "{\"name\":\"" + name + "\",\"description\":\"before\"}")
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID workspace = UUID.fromString(created.json().get("id").asText());
        long revised = appendRevision2(jdbc, workspace, "before", "after", "why it changed");

        // the old node: every processor passes the new revision's event, none in error, and it reads as it knows it
        ProjectionProgress oldProgress = oldNode.getBean(ProjectionProgress.class);
        EventProcessingConfiguration oldProcessing = oldNode.getBean(EventProcessingConfiguration.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> oldProgress.hasPassed(Projections.WORKSPACES, revised)
                && oldProgress.hasPassed(Projections.HISTORY, revised)
                && positionOf(jdbc, "audit_chain") >= revised && positionOf(jdbc, "feed_event") >= revised);
        oldProcessing.eventProcessors().forEach((processorName, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                assertThat(streaming.isError()).as(processorName + " in error").isFalse();
                assertThat(streaming.processingStatus().values()).as(processorName)
                        .noneMatch(status -> status.isErrorState());
            }
        });
        assertThat(description(oldQuery, name, revised)).isEqualTo("after");

        // the old command side loads the workspace through the new revision's event and writes after it
        Api.Response later = command.patch("/v1/workspaces/" + name, "{\"description\":\"later\"}").send();
        assertThat(later.status()).as(later.body()).isEqualTo(200);
        // the creation (the workspace and its creator as admin), the revision-2 event, this write
        assertThat(later.json().get("version").asLong()).isEqualTo(4);
        assertThat(description(oldQuery, name, later.consistencyToken())).isEqualTo("later");

        // the new node reads the new field
        jdbc.execute("CREATE TABLE description_summary (workspace_id UUID PRIMARY KEY, summary TEXT NOT NULL)");
        start(RunningServices.querySide(List.of(NewRelease.class), url, TestDatabase.USER, TestDatabase.PASSWORD,
                "--workspaces.read-only=true"));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForList(
                "SELECT summary FROM description_summary WHERE workspace_id = ?", String.class, workspace)
                .equals(List.of("why it changed")));
    }

    private ConfigurableApplicationContext start(ConfigurableApplicationContext context) {
        started.add(context);
        return context;
    }

    /** Appends revision 2 of the event to the workspace's stream, as a command node of the new release would. */
    private static long appendRevision2(JdbcTemplate jdbc, UUID workspace, String from, String to, String summary) {
        String payload = "{\"workspace_id\":\"" + workspace + "\",\"old_description\":\"" + from
                + "\",\"new_description\":\"" + to + "\",\"summary\":\"" + summary + "\"}";
        return jdbc.queryForObject("""
                        INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                            meta_data, payload, payload_revision, payload_type, time_stamp)
                        SELECT aggregate_identifier, sequence_number + 1, type, ?, meta_data, ?, '2', ?, ?
                        FROM domain_event_entry WHERE aggregate_identifier = ?
                        ORDER BY sequence_number DESC LIMIT 1
                        RETURNING global_index""", Long.class,
                UUID.randomUUID().toString(), payload, TYPE, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                workspace.toString());
    }

    private static long positionOf(JdbcTemplate jdbc, String table) {
        Long position = jdbc.queryForObject("SELECT max(position) FROM " + table, Long.class);
        return position == null ? 0 : position;
    }

    private static String description(Api query, String name, long token) {
        Api.Response response = query.get("/v1/workspaces/" + name)
                .header("X-Consistency-Token", Long.toString(token)).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("description").asText();
    }

    /** What the new release knows beyond the old one (not components: other tests' nodes must not see them). */
    static class NewRelease {

        @Bean
        DescriptionUpdatedRevision2 descriptionUpdatedRevision2() {
            return new DescriptionUpdatedRevision2();
        }

        @Bean
        SummaryProjection summaryProjection(JdbcTemplate jdbc) {
            return new SummaryProjection(jdbc);
        }
    }

    /** Reads revision 2 as the class the JVM has (revision 1's fields), carrying {@code summary} in the metadata. */
    static class DescriptionUpdatedRevision2 extends SingleEventUpcaster {

        private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");
        private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return REVISION_2.equals(representation.getType());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            String summary = representation.getData(JsonNode.class).getData().path("summary").asText();
            return representation.upcast(REVISION_1, JsonNode.class, payload -> {
                ((ObjectNode) payload).remove("summary");
                return payload;
            }, metaData -> metaData.and("summary", summary));
        }
    }

    @ProcessingGroup("description-summaries")
    static class SummaryProjection {

        private final JdbcTemplate jdbc;

        SummaryProjection(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(WorkspaceDescriptionUpdated event, EventMessage<?> message) {
            Object summary = message.getMetaData().get("summary");
            if (summary != null) {
                jdbc.update("INSERT INTO description_summary (workspace_id, summary) VALUES (?, ?) "
                        + "ON CONFLICT (workspace_id) DO UPDATE SET summary = excluded.summary",
                        event.workspaceId(), summary.toString());
            }
        }
    }
}
