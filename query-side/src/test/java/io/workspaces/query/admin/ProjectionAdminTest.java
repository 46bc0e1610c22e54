package io.workspaces.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilding a projection over HTTP, with its progress visible, yields the same read model. */
class ProjectionAdminTest extends QueryTestBase {

    @Test
    void statusListsEveryProcessorWithItsPositionForAuditorsAndAdminsOnly() {
        long token = create("alice", uniqueName("status"), "").consistencyToken();

        JsonNode statuses = readJson(auditor(), "/v1/admin/projections", token);

        List<String> names = new ArrayList<>();
        statuses.forEach(status -> names.add(status.path("name").asText()));
        assertThat(names).containsExactly("workspaces", "history", "audit-chain");
        statuses.forEach(status -> {
            assertThat(status.path("state").asText()).isIn("running", "replaying");
            assertThat(status.path("head").asLong()).isGreaterThanOrEqualTo(token);
        });
        assertThat(statuses.get(2).path("replayable").asBoolean()).isFalse();
        assertProblem(query().get("/v1/admin/projections").send(), 403, "forbidden");
        assertProblem(auditor().get("/v1/admin/projections/nope").send(), 404, "projection-not-found");
    }

    @Test
    void aRebuildRunsInTheBackgroundShowsProgressAndEndsWithTheSameRows() {
        String name = uniqueName("rebuild-http");
        create("alice", name, "");
        long head = write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
        readJson("/v1/workspaces/" + name + "/history", head);
        List<Map<String, Object>> before = historyRows();
        Api admin = query().withRoles("pat", "platform-admin");

        Api.Response started = admin.post("/v1/admin/projections/history/replay", "{}").send();

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("name").asText()).isEqualTo("history");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode status = admin.get("/v1/admin/projections/history").send().json();
            return status.path("state").asText().equals("running") && status.path("position").asLong() >= head;
        });
        assertThat(historyRows()).isEqualTo(before);
        // reads carrying a token kept working throughout and still do
        assertThat(readJson("/v1/workspaces/" + name + "/history", head).path("pagination").path("total_results")
                .asInt()).isEqualTo(3);
    }

    @Test
    void rebuildsAreForPlatformAdminsAndNeverOfTheAuditChain() {
        Api admin = query().withRoles("pat", "platform-admin");
        assertProblem(admin.post("/v1/admin/projections/audit-chain/replay", "{}").send(), 409, "replay-refused");
        assertProblem(admin.post("/v1/admin/projections/nope/replay", "{}").send(), 404, "projection-not-found");
        assertProblem(auditor().post("/v1/admin/projections/history/replay", "{}").send(), 403, "forbidden");
        assertProblem(query().post("/v1/admin/projections/history/replay", "{}").send(), 403, "forbidden");
    }

    private List<Map<String, Object>> historyRows() {
        return jdbc.queryForList("SELECT * FROM workspace_history ORDER BY position").stream().map(row -> {
            row.replaceAll((column, value) -> value == null ? null : value.toString());
            return row;
        }).toList();
    }
}
