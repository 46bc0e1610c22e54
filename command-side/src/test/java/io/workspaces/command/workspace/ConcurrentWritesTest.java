package io.workspaces.command.workspace;

import io.workspaces.common.testing.Api;
import io.workspaces.command.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Racing requests: the set-based name claim and the aggregate's version each let exactly one win. */
class ConcurrentWritesTest extends ApiTestBase {

    private static final int CLIENTS = 20;

    @Test
    void twentyConcurrentCreatesOfOneNameGiveExactlyOne201() throws Exception {
        String name = uniqueName("race");
        Map<Integer, Long> statuses = race(CLIENTS, i -> api().as("client-" + i)
                .post("/v1/workspaces", "{\"name\":\"" + name + "\"}").send());

        assertThat(statuses).containsOnlyKeys(201, 409);
        assertThat(statuses.get(201)).isEqualTo(1);
        assertThat(statuses.get(409)).isEqualTo(CLIENTS - 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_name_claim WHERE name = ?", Long.class, name))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'workspace.created'"
                + " AND payload::jsonb->>'name' = ?", Long.class, name)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentConditionalWritesOnOneVersionGiveExactlyOneWinner() throws Exception {
        String name = uniqueName("cas");
        String id = createWorkspace("alice", name).path("id").asText();

        Map<Integer, Long> statuses = race(CLIENTS, i -> api().as("alice")
                .put("/v1/workspaces/" + name + "/members/member-" + i, "{\"role\":\"viewer\"}")
                .header("If-Match", "\"2\"").send());

        assertThat(statuses).containsOnlyKeys(201, 412);
        assertThat(statuses.get(201)).isEqualTo(1);
        assertThat(eventCount(id)).isEqualTo(3);
    }

    @Test
    void concurrentUnconditionalWritesOnOneWorkspaceAllLandInOneGaplessStream() throws Exception {
        String name = uniqueName("busy");
        String id = createWorkspace("alice", name).path("id").asText();

        Map<Integer, Long> statuses = race(CLIENTS, i -> api().as("alice")
                .put("/v1/workspaces/" + name + "/members/member-" + i, "{\"role\":\"editor\"}").send());

        assertThat(statuses).containsExactly(Map.entry(201, (long) CLIENTS));
        List<Long> sequence = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, id);
        assertThat(sequence).hasSize(CLIENTS + 2);
        for (int i = 0; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).isEqualTo(i);
        }
    }

    @Test
    void racingRoleChangesOfOneMemberWithIfMatchLetExactlyOneWinAndTheRestGet412() throws Exception {
        String name = uniqueName("role-cas");
        String id = createWorkspace("alice", name).path("id").asText();
        api().as("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}").send();
        String[] roles = {"editor", "admin"};

        Map<Integer, Long> statuses = race(CLIENTS, i -> api().as("alice").put("/v1/workspaces/" + name + "/members/bob",
                "{\"role\":\"" + roles[i % 2] + "\"}").header("If-Match", "\"3\"").send());

        assertThat(statuses).containsOnlyKeys(200, 412);
        assertThat(statuses.get(200)).isEqualTo(1);
        assertThat(eventCount(id)).isEqualTo(4);
    }

    @Test
    void racingRoleChangesWithoutIfMatchEndOnAWrittenRoleWithEveryAcceptedChangeInTheLog() throws Exception {
        String name = uniqueName("role-race");
        String id = createWorkspace("alice", name).path("id").asText();
        api().as("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}").send();
        String[] roles = {"editor", "admin", "viewer"};
        List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

        Map<Integer, Long> statuses = race(CLIENTS, i -> {
            Api.Response response = api().as("alice").put("/v1/workspaces/" + name + "/members/bob",
                    "{\"role\":\"" + roles[i % 3] + "\"}").send();
            if (response.status() == 200) {
                accepted.add(roles[i % 3]);
            }
            return response;
        });

        assertThat(statuses.keySet()).isSubsetOf(200, 409);
        List<String> changes = jdbc.queryForList("SELECT payload::jsonb->>'new_role' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type = 'workspace.member-role-changed' "
                + "ORDER BY sequence_number", String.class, id);
        // every change in the log was acknowledged; answers that changed nothing (same role) wrote nothing
        assertThat(changes.size()).isLessThanOrEqualTo(accepted.size());
        assertThat(accepted).containsAll(changes);
        String finalRole = changes.isEmpty() ? "viewer" : changes.get(changes.size() - 1);
        assertThat(finalRole).isIn((Object[]) roles);
        assertThat(api().as("alice").put("/v1/workspaces/" + name + "/members/bob",
                "{\"role\":\"" + finalRole + "\"}").send().header("ETag")).isEqualTo("\"" + (3 + changes.size()) + "\"");
    }
}
