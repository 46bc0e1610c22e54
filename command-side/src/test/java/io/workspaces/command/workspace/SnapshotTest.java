package io.workspaces.command.workspace;

import io.workspaces.command.support.ApiTestBase;
import io.workspaces.common.testing.Api;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A workspace loaded from a snapshot plus the events after it behaves exactly like one loaded from its history. */
class SnapshotTest extends ApiTestBase {

    @Test
    void aWorkspaceWithManyEventsIsSnapshottedAsReadableJsonAndKeepsEveryRule() {
        String name = uniqueName("snapped");
        String id = createWorkspace("alice", name).path("id").asText();
        for (int i = 0; i < 23; i++) {
            assertThat(api().as("alice").put("/v1/workspaces/" + name + "/members/m" + i, "{\"role\":\"viewer\"}")
                    .send().status()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, id) > 0);

        Map<String, Object> snapshot = jdbc.queryForMap("SELECT payload_type, payload_revision, "
                + "payload::jsonb->>'name' AS name, jsonb_typeof(payload::jsonb->'members') AS members "
                + "FROM snapshot_event_entry WHERE aggregate_identifier = ?", id);
        assertThat(snapshot).containsEntry("payload_type", "workspace.snapshot").containsEntry("payload_revision", "1")
                .containsEntry("name", name).containsEntry("members", "object");

        // members from before the snapshot, the last-admin rule and versions all hold
        Api.Response promoted = api().as("alice").put("/v1/workspaces/" + name + "/members/m0", "{\"role\":\"admin\"}").send();
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.header("ETag")).isEqualTo("\"26\"");
        Api.Response unchanged = api().as("alice").put("/v1/workspaces/" + name + "/members/m1", "{\"role\":\"viewer\"}")
                .send();
        assertThat(unchanged.status()).as("m1 is known to be a viewer already: nothing to change").isEqualTo(200);
        assertThat(unchanged.header("ETag")).isEqualTo("\"26\"");
        assertThat(api().as("alice").delete("/v1/workspaces/" + name + "/members/alice").send().status()).isEqualTo(204);
        assertProblem(api().as("m0").delete("/v1/workspaces/" + name + "/members/m0").send(), 409, "last-admin");
        assertThat(api().as("m0").patch("/v1/workspaces/" + name, "{\"description\":\"after\"}").send().json()
                .path("member_count").asInt()).isEqualTo(23);
    }

    @Test
    void withoutItsSnapshotsAWorkspaceLoadsFromItsEventsTheSame() {
        String name = uniqueName("unsnapped");
        String id = createWorkspace("alice", name).path("id").asText();
        for (int i = 0; i < 12; i++) {
            api().as("alice").put("/v1/workspaces/" + name + "/members/m" + i, "{\"role\":\"editor\"}").send();
        }
        jdbc.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?", id);

        Api.Response changed = api().as("m3").patch("/v1/workspaces/" + name, "{\"description\":\"still works\"}").send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("version").asLong()).isEqualTo(15);
        assertThat(changed.json().path("member_count").asInt()).isEqualTo(13);
    }
}
