package io.workspaces.command.eventstore;

import io.workspaces.command.support.ApiTestBase;
import io.workspaces.events.WorkspaceDeleted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Events stored in an older revision read as the current one, through an upcaster, and stay as stored. */
class EventUpcastingTest extends ApiTestBase {

    @Autowired
    EventStore eventStore;

    @Test
    void aRevision1WorkspaceDeletedReadsAsRevision2WithAnEmptyReason() {
        String name = uniqueName("legacy");
        String id = createWorkspace("alice", name).path("id").asText();
        storeRevision1Deletion(id, name);

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id, 0).asStream().toList();

        assertThat(events).hasSize(3);
        assertThat(events.get(2).getPayload()).isEqualTo(new WorkspaceDeleted(UUID.fromString(id), name, ""));
        assertThat(jdbc.queryForObject("SELECT payload_revision || ' ' || payload FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = 2", String.class, id))
                .as("the stored row is never rewritten")
                .isEqualTo("1 {\"workspace_id\":\"" + id + "\",\"name\":\"" + name + "\"}");
        // the aggregate loads it: the workspace is deleted
        assertProblem(api().as("alice").patch("/v1/workspaces/" + id, "{\"description\":\"x\"}").send(), 404,
                "workspace-not-found");
    }

    @Test
    void newDeletionsAreStoredAsRevision2WithTheirReason() {
        String name = uniqueName("current");
        String id = createWorkspace("alice", name).path("id").asText();

        assertThat(api().as("alice").delete("/v1/workspaces/" + name + "?reason=project%20ended").send().status())
                .isEqualTo(204);

        assertThat(jdbc.queryForObject("SELECT payload_revision || ' ' || (payload::jsonb->>'reason') "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2", String.class, id))
                .isEqualTo("2 project ended");
    }

    @Test
    void anInvalidReasonAnswers422() {
        String name = uniqueName("reasoned");
        createWorkspace("alice", name);
        assertProblem(api().as("alice").delete("/v1/workspaces/" + name + "?reason=" + "x".repeat(1001)).send(), 422,
                "invalid-request");
    }

    /** A deletion as a release before revision 2 stored it (the name claim released, as the command side did). */
    private void storeRevision1Deletion(String id, String name) {
        jdbc.update("""
                        INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                            meta_data, payload, payload_revision, payload_type, time_stamp)
                        VALUES (?, 2, 'Workspace', ?, '{"actor":"alice"}', ?, '1', 'workspace.deleted', ?)""",
                id, UUID.randomUUID().toString(), "{\"workspace_id\":\"" + id + "\",\"name\":\"" + name + "\"}",
                Instant.now().toString());
        jdbc.update("DELETE FROM workspace_name_claim WHERE workspace_id = ?::uuid", id);
    }
}
