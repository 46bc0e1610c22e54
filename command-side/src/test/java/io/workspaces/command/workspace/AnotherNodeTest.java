package io.workspaces.command.workspace;

import io.workspaces.command.support.ApiTestBase;
import io.workspaces.common.testing.Api;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceDeleted;
import io.workspaces.events.WorkspaceDescriptionUpdated;
import io.workspaces.events.WorkspaceEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * This node keeps workspaces and names in memory; another node writes to the same event store behind its back
 * (simulated by appending to the store directly). Every answer must be the one a fresh load would give.
 */
class AnotherNodeTest extends ApiTestBase {

    @Autowired
    EventStorageEngine storageEngine;

    /** Appends {@code event} as the workspace's event {@code sequence}, as another command node would. */
    private void otherNodeAppends(String workspaceId, long sequence, WorkspaceEvent event) {
        storageEngine.appendEvents(new GenericDomainEventMessage<>("Workspace", workspaceId, sequence, event,
                Map.of("actor", "other-node-user")));
    }

    private long newestPosition(String workspaceId) {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, workspaceId);
    }

    @Test
    void aRefusalOnCachedStateIsDecidedAgainOnAFreshLoad() {
        String name = uniqueName("granted-elsewhere");
        String id = createWorkspace("alice", name).path("id").asText();
        otherNodeAppends(id, 2, new MemberAdded(UUID.fromString(id), "bob", Role.EDITOR));

        Api.Response updated = api().as("bob").patch("/v1/workspaces/" + id, "{\"description\":\"by bob\"}").send();

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("version").asLong()).isEqualTo(4);
        assertThat(updated.consistencyToken()).isEqualTo(newestPosition(id));
    }

    @Test
    void aNoOpOnCachedStateIsDecidedAgainOnAFreshLoad() {
        String name = uniqueName("changed-elsewhere");
        String id = createWorkspace("alice", name).path("id").asText();
        otherNodeAppends(id, 2, new WorkspaceDescriptionUpdated(UUID.fromString(id), "", "theirs"));

        // this node still holds the workspace with an empty description: "" looks like a no-op here
        Api.Response updated = api().as("alice").patch("/v1/workspaces/" + id, "{\"description\":\"\"}").send();

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("description").asText()).isEmpty();
        assertThat(updated.json().path("version").asLong()).isEqualTo(4);
        assertThat(eventCount(id)).isEqualTo(4);
        assertThat(updated.consistencyToken()).isEqualTo(newestPosition(id));
    }

    @Test
    void aTrueNoOpAnswersTheNewestPositionAndStoresNothing() {
        String name = uniqueName("unchanged");
        String id = createWorkspace("alice", name).path("id").asText();
        otherNodeAppends(id, 2, new WorkspaceDescriptionUpdated(UUID.fromString(id), "", "theirs"));

        Api.Response same = api().as("alice").patch("/v1/workspaces/" + id, "{\"description\":\"theirs\"}").send();

        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(same.json().path("version").asLong()).isEqualTo(3);
        assertThat(eventCount(id)).isEqualTo(3);
        assertThat(same.consistencyToken()).isEqualTo(newestPosition(id));
    }

    @Test
    void aWriteOnCachedStateLosesItsAppendAndIsRetriedOnAFreshLoad() {
        String name = uniqueName("raced-elsewhere");
        String id = createWorkspace("alice", name).path("id").asText();
        otherNodeAppends(id, 2, new MemberAdded(UUID.fromString(id), "carol", Role.VIEWER));

        Api.Response updated = api().as("alice").patch("/v1/workspaces/" + id, "{\"description\":\"mine\"}").send();

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("version").asLong()).isEqualTo(4);
        assertThat(updated.json().path("member_count").asInt()).isEqualTo(2);
        List<Long> sequence = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, id);
        assertThat(sequence).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void aConditionalWriteOnCachedStateAnswers412WhenTheVersionMovedElsewhere() {
        String name = uniqueName("moved-elsewhere");
        String id = createWorkspace("alice", name).path("id").asText();
        otherNodeAppends(id, 2, new MemberAdded(UUID.fromString(id), "carol", Role.VIEWER));

        assertProblem(api().as("alice").patch("/v1/workspaces/" + id, "{\"description\":\"mine\"}")
                .header("If-Match", "\"2\"").send(), 412, "version-mismatch");
        assertThat(eventCount(id)).isEqualTo(3);
    }

    @Test
    void aRememberedNameWhoseWorkspaceWasDeletedElsewhereLeadsToItsNewOwner() {
        String name = uniqueName("renamed-elsewhere");
        String first = createWorkspace("alice", name).path("id").asText();
        assertThat(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"first\"}").send().status())
                .isEqualTo(200);
        // another node deletes the workspace, and the name is taken again
        otherNodeAppends(first, 3, new WorkspaceDeleted(UUID.fromString(first), name, ""));
        jdbc.update("DELETE FROM workspace_name_claim WHERE workspace_id = ?", UUID.fromString(first));
        String second = createWorkspace("bob", name).path("id").asText();

        Api.Response updated = api().as("bob").patch("/v1/workspaces/" + name, "{\"description\":\"second\"}").send();

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("id").asText()).isEqualTo(second);
        assertThat(eventCount(first)).isEqualTo(4);
    }

    @Test
    void aNameDeletedHereIsForgottenAtOnce() {
        String name = uniqueName("deleted-here");
        createWorkspace("alice", name);
        assertThat(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"x\"}").send().status())
                .isEqualTo(200);
        assertThat(api().as("alice").delete("/v1/workspaces/" + name).send().status()).isEqualTo(204);

        assertProblem(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"y\"}").send(),
                404, "workspace-not-found");
        String second = createWorkspace("bob", name).path("id").asText();
        Api.Response updated = api().as("bob").patch("/v1/workspaces/" + name, "{\"description\":\"z\"}").send();
        assertThat(updated.json().path("id").asText()).isEqualTo(second);
    }
}
