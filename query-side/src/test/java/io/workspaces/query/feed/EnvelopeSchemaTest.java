package io.workspaces.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.workspaces.events.EventTypes;
import io.workspaces.events.WorkspaceEvent;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The published JSON Schemas (one per event type and revision, in {@code event-schemas/}) hold for real events as
 * the service serialises them, and the envelope carries the event exactly as stored in the log.
 */
class EnvelopeSchemaTest extends DownstreamTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventTypeHasASchemaThatItsRealEventsSatisfy() throws IOException {
        String name = uniqueName("schema");
        long start = create(name).consistencyToken() - 2;
        describe(name, "all the types");
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}"));
        write(command().delete("/v1/workspaces/" + name + "/members/bob"));
        write(command().put("/v1/workspaces/" + name + "/entities/dataset/d-1"));
        write(command().delete("/v1/workspaces/" + name + "/entities/dataset/d-1"));
        long end = write(command().delete("/v1/workspaces/" + name));
        await().atMost(Duration.ofSeconds(10)).until(() -> positions(feedAfter(start)).contains(end));
        List<JsonNode> events = feedAfter(start);

        assertThat(events.stream().map(event -> event.path("type").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(EventTypes.all().values());
        for (JsonNode event : events) {
            assertThat(schemaOf(event.path("type").asText(), event.path("revision").asText()).validate(event))
                    .as("%s", event).isEmpty();
            Map<String, Object> stored = services().jdbc().queryForMap("""
                    SELECT event_identifier, payload, payload_type, payload_revision, time_stamp,
                           meta_data::jsonb ->> 'actor' AS actor
                    FROM domain_event_entry WHERE global_index = ?""", event.path("position").asLong());
            assertThat(event.path("id").asText()).isEqualTo(stored.get("event_identifier"));
            assertThat(event.path("type").asText()).isEqualTo(stored.get("payload_type"));
            assertThat(event.path("revision").asText()).isEqualTo(stored.get("payload_revision"));
            assertThat(event.path("data")).isEqualTo(JSON.readTree((String) stored.get("payload")));
            assertThat(event.path("actor").asText()).isEqualTo(stored.get("actor"));
            assertThat(Instant.parse(event.path("occurred_at").asText()))
                    .isEqualTo(Instant.parse((String) stored.get("time_stamp")).truncatedTo(
                            java.time.temporal.ChronoUnit.MILLIS));
            assertThat(event.path("workspace_id").asText()).isEqualTo(event.path("data").path("workspace_id").asText());
        }
    }

    @Test
    void everyCurrentRevisionHasASchemaAndTheSchemasRefuseWhatIsNotAnEvent() throws IOException {
        Set<String> expected = new HashSet<>();
        for (Map.Entry<Class<? extends WorkspaceEvent>, String> type : EventTypes.all().entrySet()) {
            String revision = type.getKey().getAnnotation(Revision.class).value();
            expected.add(type.getValue() + ".v" + revision + ".schema.json");
            JsonSchema schema = schemaOf(type.getValue(), revision);
            assertThat(schema.getSchemaNode().path("properties").path("type").path("const").asText())
                    .isEqualTo(type.getValue());
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/event-schemas"))) {
            Set<String> published = files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
            // every current revision is published; older revisions stay published, as the contract they were
            assertThat(published).containsAll(expected);
            assertThat(published).allSatisfy(file -> assertThat(file).matches("workspace\\.[a-z-]+\\.v\\d+\\.schema\\.json"));
            assertThat(published).contains("workspace.deleted.v1.schema.json");
        }

        JsonSchema created = schemaOf("workspace.created", "1");
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"id":"e-1","type":"workspace.created","revision":"1","position":7,
                 "workspace_id":"6ad3dff2-59e9-43d6-bd17-bbe22243d897","occurred_at":"2026-01-02T03:04:05.678Z",
                 "actor":"alice","data":{"workspace_id":"6ad3dff2-59e9-43d6-bd17-bbe22243d897","name":"ml",
                 "description":"","built_in":false}}""");
        assertThat(created.validate(event)).isEmpty();
        assertThat(invalid(created, event.deepCopy().put("type", "workspace.deleted"))).isNotEmpty();
        assertThat(invalid(created, event.deepCopy().put("occurred_at", "yesterday"))).isNotEmpty();
        assertThat(invalid(created, event.deepCopy().put("extra", 1))).isNotEmpty();
        ObjectNode badData = event.deepCopy();
        ((ObjectNode) badData.path("data")).put("name", "Not A Name");
        assertThat(invalid(created, badData)).isNotEmpty();
        ObjectNode missing = event.deepCopy();
        missing.remove("actor");
        assertThat(invalid(created, missing)).isNotEmpty();
    }

    private static Set<ValidationMessage> invalid(JsonSchema schema, JsonNode event) {
        return schema.validate(event);
    }

    private static JsonSchema schemaOf(String type, String revision) throws IOException {
        String path = "/event-schemas/" + type + ".v" + revision + ".schema.json";
        try (InputStream in = EnvelopeSchemaTest.class.getResourceAsStream(path)) {
            assertThat(in).as("schema %s", path).isNotNull();
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in), config);
        }
    }
}
