package io.workspaces.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class HistoryApiTest extends QueryTestBase {

    @Test
    void historyListsEveryEventOldestFirstWithItsPlaceInTheLogAndWhoDidIt() {
        String name = uniqueName("story");
        Api.Response created = command().post("/v1/workspaces", "{\"name\":\"" + name + "\",\"description\":\"v1\"}")
                .header("X-Request-Id", "req-story-1").send();
        write(command().as("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}"));
        long token = write(command().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"v2\"}"));

        JsonNode history = readJson("/v1/workspaces/" + name + "/history", token);

        assertThat(types(history)).containsExactly("workspace.created", "workspace.member-added",
                "workspace.member-added", "workspace.description-updated");
        JsonNode first = history.path("data").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("position", "sequence_number", "event_id", "type",
                "revision", "occurred_at", "actor", "request_id", "correlation_id", "causation_id", "client_address",
                "data");
        assertThat(first.path("sequence_number").asLong()).isZero();
        assertThat(first.path("revision").asText()).isEqualTo("1");
        assertThat(first.path("actor").asText()).isEqualTo("alice");
        assertThat(first.path("request_id").asText()).isEqualTo("req-story-1");
        assertThat(first.path("occurred_at").asText()).isEqualTo(created.json().path("created_at").asText());
        assertThat(first.path("data").path("name").asText()).isEqualTo(name);
        assertThat(first.path("data").path("workspace_id").asText()).isEqualTo(created.json().path("id").asText());
        JsonNode last = history.path("data").get(3);
        assertThat(last.path("position").asLong()).isEqualTo(token);
        assertThat(last.path("data").path("old_description").asText()).isEqualTo("v1");
        assertThat(last.path("data").path("new_description").asText()).isEqualTo("v2");
        List<Long> positions = new ArrayList<>();
        history.path("data").forEach(entry -> positions.add(entry.path("position").asLong()));
        assertThat(positions).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void historyPages() {
        String name = uniqueName("pages");
        create("alice", name, "");
        long token = 0;
        for (int i = 0; i < 3; i++) {
            token = write(command().put("/v1/workspaces/" + name + "/members/m" + i, "{\"role\":\"viewer\"}"));
        }

        JsonNode second = readJson("/v1/workspaces/" + name + "/history?page=2&page_size=2", token);

        assertThat(second.path("pagination").toString()).isEqualTo(
                "{\"page\":2,\"page_size\":2,\"total_results\":5,\"total_pages\":3,\"current_page_size\":2}");
        assertThat(second.path("data").get(0).path("sequence_number").asLong()).isEqualTo(2);
        assertInvalidField(query().get("/v1/workspaces/" + name + "/history?page=0").send(), "page");
        assertInvalidField(query().get("/v1/workspaces/" + name + "/history?sort=-position").send(), "sort");
    }

    @Test
    void aDeletedWorkspacesHistoryStaysReadableByIdAndByNameUntilTheNameIsTakenAgain() {
        String name = uniqueName("afterlife");
        String firstId = create("alice", name, "").json().path("id").asText();
        long token = write(command().delete("/v1/workspaces/" + name));

        assertThat(types(readJson(auditor(), "/v1/workspaces/" + firstId + "/history", token)))
                .containsExactly("workspace.created", "workspace.member-added", "workspace.deleted");
        assertThat(types(readJson(auditor(), "/v1/workspaces/" + name + "/history", token))).endsWith("workspace.deleted");

        Api.Response again = create("alice", name, "");
        JsonNode byName = readJson("/v1/workspaces/" + name + "/history", again.consistencyToken());
        assertThat(types(byName)).containsExactly("workspace.created", "workspace.member-added");
        assertThat(byName.path("data").get(0).path("data").path("workspace_id").asText())
                .isEqualTo(again.json().path("id").asText());
        assertThat(types(auditor().get("/v1/workspaces/" + firstId + "/history").send().json()))
                .endsWith("workspace.deleted");
        // its members are gone with it: only auditors and platform admins still see it
        assertProblem(query().get("/v1/workspaces/" + firstId + "/history").send(), 404, "workspace-not-found");
    }

    @Test
    void historyOfAnUnknownWorkspaceAnswers404() {
        assertProblem(query().get("/v1/workspaces/never-existed/history").send(), 404, "workspace-not-found");
        assertProblem(query().get("/v1/workspaces/11111111-2222-3333-4444-555555555555/history").send(), 404,
                "workspace-not-found");
    }

    private static List<String> types(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.path("data").forEach(entry -> types.add(entry.path("type").asText()));
        return types;
    }
}
