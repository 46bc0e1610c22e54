package io.workspaces.command.eventstore;

import io.workspaces.common.testing.Api;
import io.workspaces.command.support.ApiTestBase;
import io.workspaces.events.EventTypes;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceCreated;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is stored forever: readable JSON, stable type names, audit metadata, one writer per sequence. */
class EventStoreFormatTest extends ApiTestBase {

    @Autowired
    EventStore eventStore;

    @Autowired
    EventStorageEngine storageEngine;

    private String workspaceWithHistory() {
        String name = uniqueName("stored");
        Api.Response created = api().as("alice").post("/v1/workspaces",
                "{\"name\":\"" + name + "\",\"description\":\"caf\u00e9 \\\"quoted\\\" \uD83D\uDE80\"}").send();
        api().as("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}").send();
        api().as("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"admin\"}").send();
        api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"second\"}").send();
        api().as("alice").put("/v1/workspaces/" + name + "/entities/dataset/d1").send();
        api().as("alice").delete("/v1/workspaces/" + name + "/entities/dataset/d1").send();
        api().as("bob").delete("/v1/workspaces/" + name + "/members/alice").send();
        api().as("bob").delete("/v1/workspaces/" + name).send();
        return created.json().path("id").asText();
    }

    @Test
    void payloadAndMetadataAreJsonThatPostgresJsonFunctionsRead() {
        String id = workspaceWithHistory();

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT payload_type, payload_revision,
                       jsonb_typeof(payload::jsonb) AS payload_kind,
                       payload::jsonb->>'workspace_id' AS workspace_id,
                       json_typeof(meta_data::json) AS metadata_kind,
                       meta_data::jsonb->>'actor' AS actor,
                       jsonb_exists_all(meta_data::jsonb,
                         array['request_id', 'correlation_id', 'causation_id', 'client_address']) AS audited
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", id);

        assertThat(rows).extracting(row -> row.get("payload_type")).containsExactly(
                "workspace.created", "workspace.member-added", "workspace.member-added",
                "workspace.member-role-changed", "workspace.description-updated", "workspace.entity-registered",
                "workspace.entity-unregistered", "workspace.member-removed", "workspace.deleted");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("payload_revision")).isEqualTo(row.get("payload_type").equals("workspace.deleted") ? "2" : "1");
            assertThat(row.get("payload_kind")).isEqualTo("object");
            assertThat(row.get("workspace_id")).isEqualTo(id);
            assertThat(row.get("metadata_kind")).isEqualTo("object");
            assertThat(row.get("audited")).isEqualTo(true);
        });
        assertThat(rows).extracting(row -> row.get("actor")).endsWith("bob", "bob");
        assertThat(jdbc.queryForObject("SELECT payload::jsonb->>'description' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", String.class, id))
                .isEqualTo("caf\u00e9 \"quoted\" \uD83D\uDE80");
        assertThat(jdbc.queryForObject("SELECT payload::jsonb->>'new_role' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type = 'workspace.member-role-changed'", String.class, id))
                .isEqualTo("admin");
    }

    @Test
    void noJavaClassNameReachesTheStore() {
        workspaceWithHistory();
        assertThat(jdbc.queryForList("SELECT DISTINCT payload_type FROM domain_event_entry", String.class))
                .isSubsetOf(EventTypes.all().values());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload LIKE '%io.workspaces%' "
                + "OR meta_data LIKE '%io.workspaces%'", Long.class)).isZero();
    }

    @Test
    void payloadAndMetadataColumnsAreTextNotLargeObjects() {
        assertThat(jdbc.queryForList("SELECT data_type FROM information_schema.columns WHERE table_name = "
                + "'domain_event_entry' AND column_name IN ('payload', 'meta_data')", String.class))
                .containsOnly("text");
    }

    @Test
    void storedEventsReadBackAsTheirRecordsWithMetadata() {
        String id = workspaceWithHistory();

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id, 0).asStream().toList();

        assertThat(events).hasSize(9);
        assertThat(events.get(0).getPayload()).isInstanceOf(WorkspaceCreated.class);
        assertThat(events.get(1).getPayload()).isEqualTo(new MemberAdded(UUID.fromString(id), "alice", Role.ADMIN));
        assertThat(events.get(1).getMetaData()).containsEntry("actor", "alice").containsKey("causation_id");
    }

    @Test
    void aSecondWriterOfTheSameSequenceNumberLosesWithAConcurrencyException() {
        String id = workspaceWithHistory();
        DomainEventMessage<MemberAdded> duplicate = new GenericDomainEventMessage<>("Workspace", id, 3,
                new MemberAdded(UUID.fromString(id), "mallory", Role.ADMIN));
        long before = eventCount(id);

        assertThatThrownBy(() -> storageEngine.appendEvents(duplicate)).isInstanceOf(ConcurrencyException.class);
        assertThat(eventCount(id)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_constraint WHERE conname = "
                + "'domain_event_entry_aggregate_sequence_key' AND contype = 'u'", Long.class)).isEqualTo(1);
    }

    @Test
    void aWriterBehindTheAggregateLosesWithoutTakingAPositionSoTheLogGetsNoGap() {
        String id = workspaceWithHistory();
        long events = eventCount(id);
        long drawn = positionsDrawn();
        // the aggregate is at sequence number events - 1: an append from there on was decided on stale state
        List<DomainEventMessage<MemberAdded>> stale = List.of(memberAdded(id, events - 2, "mallory"),
                memberAdded(id, events - 1, "eve"));

        assertThatThrownBy(() -> storageEngine.appendEvents(stale)).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> storageEngine.appendEvents(memberAdded(id, 2, "trudy")))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(eventCount(id)).isEqualTo(events);
        assertThat(positionsDrawn()).as("positions taken from the log's sequence").isEqualTo(drawn);

        storageEngine.appendEvents(memberAdded(id, events, "walter"));
        assertThat(positionsDrawn()).isEqualTo(drawn + 1);
    }

    private static DomainEventMessage<MemberAdded> memberAdded(String workspaceId, long sequence, String member) {
        return new GenericDomainEventMessage<>("Workspace", workspaceId, sequence,
                new MemberAdded(UUID.fromString(workspaceId), member, Role.VIEWER));
    }

    private long positionsDrawn() {
        return jdbc.queryForObject("SELECT last_value FROM domain_event_entry_global_index_seq", Long.class);
    }
}
