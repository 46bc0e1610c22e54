package io.workspaces.query.asof;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The state at an instant, rebuilt from the events, equals what the live read model showed at that instant. */
class AsOfTest extends QueryTestBase {

    private record Step(String instant, JsonNode workspace, JsonNode members) {
    }

    @Test
    void asOfEveryStepTheRebuiltWorkspaceAndMembersEqualWhatWasLiveThen() {
        String name = uniqueName("timeline");
        List<Step> steps = new ArrayList<>();
        long token = create("alice", name, "first").consistencyToken();
        steps.add(step(name, token));
        token = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"second\"}"));
        steps.add(step(name, token));
        token = write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}"));
        steps.add(step(name, token));
        token = write(command().put("/v1/workspaces/" + name + "/entities/dataset/d1"));
        steps.add(step(name, token));
        token = write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"admin\"}"));
        steps.add(step(name, token));
        token = write(command().delete("/v1/workspaces/" + name + "/members/bob"));
        steps.add(step(name, token));
        token = write(command().delete("/v1/workspaces/" + name + "/entities/dataset/d1"));
        steps.add(step(name, token));
        String id = steps.get(0).workspace().path("id").asText();
        token = write(command().delete("/v1/workspaces/" + name + "?reason=done"));
        String deletedAt = lastEventInstant(id, token);

        for (Step step : steps) {
            Api.Response workspace = read(auditor(), "/v1/workspaces/" + id + "?as_of=" + step.instant(), token);
            assertThat(workspace.status()).as(workspace.body()).isEqualTo(200);
            assertThat(workspace.header("X-As-Of")).isEqualTo(step.instant());
            assertThat(workspace.json()).as("as of " + step.instant()).isEqualTo(step.workspace());
            assertThat(auditor().get("/v1/workspaces/" + id + "/members?as_of=" + step.instant()).send().json()
                    .path("data")).as("members as of " + step.instant()).isEqualTo(step.members().path("data"));
        }
        // by name, while it had the name; and no more once deleted
        assertThat(auditor().get("/v1/workspaces/" + name + "?as_of=" + steps.get(2).instant()).send().json())
                .isEqualTo(steps.get(2).workspace());
        assertProblem(auditor().get("/v1/workspaces/" + id + "?as_of=" + deletedAt).send(), 404, "workspace-not-found");
        assertProblem(auditor().get("/v1/workspaces/" + id + "?as_of=2000-01-01T00:00:00Z").send(), 404,
                "workspace-not-found");
    }

    @Test
    void aReusedNameMeansTheWorkspaceThatHadItAtThatInstant() {
        String name = uniqueName("reused");
        String firstId = create("alice", name, "first life").json().path("id").asText();
        long token = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"still first\"}"));
        String duringFirst = lastEventInstant(firstId, token);
        write(command().delete("/v1/workspaces/" + name));
        Api.Response second = create("alice", name, "second life");
        String secondId = second.json().path("id").asText();
        String duringSecond = lastEventInstant(secondId, second.consistencyToken());

        assertThat(auditor().get("/v1/workspaces/" + name + "?as_of=" + duringFirst).send().json().path("id").asText())
                .isEqualTo(firstId);
        assertThat(auditor().get("/v1/workspaces/" + name + "?as_of=" + duringSecond).send().json().path("id").asText())
                .isEqualTo(secondId);
    }

    @Test
    void asOfIsForThoseWhoMayReadTheWorkspaceAndMustBeADateTime() {
        String name = uniqueName("private-past");
        long token = create("alice", name, "").consistencyToken();
        String instant = lastEventInstant(readJson("/v1/workspaces/" + name, token).path("id").asText(), token);

        assertThat(read(query(), "/v1/workspaces/" + name + "?as_of=" + instant, token).status()).isEqualTo(200);
        assertProblem(query().withRoles("stranger").get("/v1/workspaces/" + name + "?as_of=" + instant).send(), 404,
                "workspace-not-found");
        assertInvalidField(query().get("/v1/workspaces/" + name + "?as_of=yesterday").send(), "as_of");
        assertInvalidField(query().get("/v1/workspaces/" + name + "?as_of=2026-01-01T00:00:00").send(), "as_of");
    }

    /** What the live read model shows now, and the instant of the workspace's latest event. */
    private Step step(String name, long token) {
        JsonNode workspace = readJson("/v1/workspaces/" + name, token);
        JsonNode members = readJson("/v1/workspaces/" + name + "/members", token);
        return new Step(lastEventInstant(workspace.path("id").asText(), token), workspace, members);
    }

    private String lastEventInstant(String workspaceId, long token) {
        JsonNode history = readJson(auditor(), "/v1/workspaces/" + workspaceId + "/history?page_size=1000", token)
                .path("data");
        return history.get(history.size() - 1).path("occurred_at").asText();
    }
}
