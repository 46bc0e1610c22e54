package io.workspaces.command.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.command.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** POST, PATCH and DELETE of /v1/workspaces over real HTTP on real PostgreSQL. */
class WorkspaceApiTest extends ApiTestBase {

    @Test
    void createAnswers201WithTheWorkspaceLocationEtagAndConsistencyToken() {
        String name = uniqueName("ml-team");
        Api.Response created = api().as("alice")
                .post("/v1/workspaces", "{\"name\":\"" + name + "\",\"description\":\"Models and datasets\"}").send();

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.path("id").asText();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(body.path("name").asText()).isEqualTo(name);
        assertThat(body.path("description").asText()).isEqualTo("Models and datasets");
        assertThat(body.path("created_by").asText()).isEqualTo("alice");
        assertThat(body.path("updated_by").asText()).isEqualTo("alice");
        assertThat(Instant.parse(body.path("created_at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(body.path("created_at").asText()).endsWith("Z");
        assertThat(body.path("version").asLong()).isEqualTo(2);
        assertThat(body.path("member_count").asInt()).isEqualTo(1);
        assertThat(body.path("entity_counts").isObject()).isTrue();
        assertThat(created.header("Location")).isEqualTo("/v1/workspaces/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"2\"");
        assertThat(created.consistencyToken()).isEqualTo(
                jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class, id));
        assertThat(eventCount(id)).isEqualTo(2);
    }

    private long newestPosition(String workspaceId) {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, workspaceId);
    }

    @Test
    void createWithoutDescriptionStoresAnEmptyOne() {
        JsonNode body = createWorkspace("alice", uniqueName("plain"));
        assertThat(body.path("description").asText()).isEmpty();
    }

    @Test
    void createWithATakenNameAnswers409AndStoresNothing() {
        String name = uniqueName("taken");
        createWorkspace("alice", name);
        long before = eventCount();

        assertProblem(api().as("bob").post("/v1/workspaces", "{\"name\":\"" + name + "\"}").send(), 409, "name-taken");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aDeletedWorkspacesNameCanBeTakenAgainWithANewId() {
        String name = uniqueName("reborn");
        String first = createWorkspace("alice", name).path("id").asText();
        assertThat(api().as("alice").delete("/v1/workspaces/" + name).send().status()).isEqualTo(204);

        String second = createWorkspace("bob", name).path("id").asText();
        assertThat(second).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Upper", "1starts-with-digit", "ends-with-hyphen-", "under_score", "with space",
            "ab\u0441d", "a-name-that-is-far-too-long-to-be-an-rfc-1035-label-because-it-has-64c",
            "123e4567-e89b-12d3-a456-426614174000"})
    void createWithAnInvalidNameAnswers422AndStoresNothing(String name) {
        long before = eventCount();
        assertInvalidField(api().as("alice").post("/v1/workspaces", "{\"name\":\"" + name + "\"}").send(), "name");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void createWithoutANameAnswers422() {
        assertInvalidField(api().as("alice").post("/v1/workspaces", "{\"description\":\"x\"}").send(), "name");
    }

    @Test
    void createWithATooLongDescriptionAnswers422() {
        String description = "\u00e9".repeat(1001);
        assertInvalidField(api().as("alice").post("/v1/workspaces",
                "{\"name\":\"" + uniqueName("long") + "\",\"description\":\"" + description + "\"}").send(), "description");
    }

    @Test
    void aDescriptionOf1000CharactersIncludingEmojiIsAccepted() {
        String description = "\uD83D\uDE80".repeat(1000);
        Api.Response created = api().as("alice").post("/v1/workspaces",
                "{\"name\":\"" + uniqueName("emoji") + "\",\"description\":\"" + description + "\"}").send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("description").asText()).isEqualTo(description);
    }

    @Test
    void createWithAnUnknownFieldAnswers422() {
        assertInvalidField(api().as("alice").post("/v1/workspaces",
                "{\"name\":\"" + uniqueName("unknown") + "\",\"owner\":\"eve\"}").send(), "owner");
    }

    @Test
    void createWithWrongTypesAnswers422() {
        assertInvalidField(api().as("alice").post("/v1/workspaces", "{\"name\":42}").send(), "name");
        assertInvalidField(api().as("alice").post("/v1/workspaces",
                "{\"name\":\"" + uniqueName("types") + "\",\"description\":[\"x\"]}").send(), "description");
        assertInvalidField(api().as("alice").post("/v1/workspaces", "[\"not-an-object\"]").send(), "body");
    }

    @Test
    void idempotencyKeyReturnsTheFirstResultOnRetry() {
        String name = uniqueName("retry");
        String body = "{\"name\":\"" + name + "\"}";
        Api.Response first = api().as("alice").post("/v1/workspaces", body).header("Idempotency-Key", "key-" + name).send();
        long events = eventCount();
        Api.Response retry = api().as("alice").post("/v1/workspaces", body).header("Idempotency-Key", "key-" + name).send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void idempotencyKeyIsScopedToTheCaller() {
        String name = uniqueName("scoped");
        String body = "{\"name\":\"" + name + "\"}";
        api().as("alice").post("/v1/workspaces", body).header("Idempotency-Key", "shared-key-" + name).send();

        assertProblem(api().as("bob").post("/v1/workspaces", body).header("Idempotency-Key", "shared-key-" + name).send(),
                409, "name-taken");
    }

    @Test
    void idempotencyKeyReusedForADifferentRequestAnswers422() {
        String key = "key-" + UUID.randomUUID();
        api().as("alice").post("/v1/workspaces", "{\"name\":\"" + uniqueName("first") + "\"}")
                .header("Idempotency-Key", key).send();
        assertInvalidField(api().as("alice").post("/v1/workspaces", "{\"name\":\"" + uniqueName("second") + "\"}")
                .header("Idempotency-Key", key).send(), "Idempotency-Key");
    }

    @Test
    void updateDescriptionAnswers200WithTheNewVersion() {
        String name = uniqueName("describe");
        createWorkspace("alice", name);
        api().as("alice").put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}").send();

        Api.Response updated = api().as("bob").patch("/v1/workspaces/" + name, "{\"description\":\"now described\"}").send();

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("description").asText()).isEqualTo("now described");
        assertThat(updated.json().path("updated_by").asText()).isEqualTo("bob");
        assertThat(updated.json().path("created_by").asText()).isEqualTo("alice");
        assertThat(updated.json().path("version").asLong()).isEqualTo(4);
        assertThat(updated.header("ETag")).isEqualTo("\"4\"");
        assertThat(updated.consistencyToken()).isEqualTo(newestPosition(updated.json().path("id").asText()));
    }

    @Test
    void updateByIdWorksLikeByName() {
        String id = createWorkspace("alice", uniqueName("by-id")).path("id").asText();
        assertThat(api().as("alice").patch("/v1/workspaces/" + id.toUpperCase(), "{\"description\":\"x\"}").send().status())
                .isEqualTo(200);
    }

    @Test
    void updateWithAnUnchangedDescriptionStoresNoEvent() {
        String name = uniqueName("same");
        String id = createWorkspace("alice", name).path("id").asText();
        api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"d\"}").send();

        Api.Response again = api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"d\"}").send();

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo("\"3\"");
        assertThat(again.consistencyToken()).isEqualTo(newestPosition(id));
        assertThat(eventCount(id)).isEqualTo(3);
    }

    @Test
    void updateWithAMatchingIfMatchSucceedsAndAStaleOneAnswers412() {
        String name = uniqueName("cond");
        createWorkspace("alice", name);

        assertThat(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"a\"}")
                .header("If-Match", "\"2\"").send().status()).isEqualTo(200);
        JsonNode problem = assertProblem(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"b\"}")
                .header("If-Match", "\"2\"").send(), 412, "version-mismatch");
        assertThat(problem.path("current_version").asLong()).isEqualTo(3);
        assertThat(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"c\"}")
                .header("If-Match", "*").send().status()).isEqualTo(200);
    }

    @Test
    void ifMatchTakesAListOfEntityTagsComparedStrongly() {
        String name = uniqueName("tags");
        String id = createWorkspace("alice", name).path("id").asText(); // version 2
        String patch = "/v1/workspaces/" + name;

        // a weak tag never matches, even naming the current version; nor do tags naming no version
        for (String ifMatch : List.of("W/\"2\"", "\"9\", W/\"2\"", "\"abc\"", "\"-1\"", "\"02\"")) {
            JsonNode problem = assertProblem(api().as("alice").patch(patch, "{\"description\":\"weak\"}")
                    .header("If-Match", ifMatch).send(), 412, "version-mismatch");
            assertThat(problem.path("current_version").asLong()).as(ifMatch).isEqualTo(2);
        }
        assertThat(eventCount(id)).isEqualTo(2);

        Api.Response listed = api().as("alice").patch(patch, "{\"description\":\"a\"}")
                .header("If-Match", "\"9\", \"2\"").send();
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.header("ETag")).isEqualTo("\"3\"");
        assertThat(api().as("alice").put(patch + "/members/bob", "{\"role\":\"viewer\"}")
                .header("If-Match", "\"1\",\"3\" , \"7\"").send().status()).isEqualTo(201);
        assertThat(api().as("alice").put(patch + "/entities/doc/d1").header("If-Match", "W/\"4\", \"4\"").send()
                .status()).isEqualTo(204);
        assertThat(api().as("alice").delete(patch + "/entities/doc/d1").header("If-Match", "\"5\", \"6\"").send()
                .status()).isEqualTo(204);
        assertThat(api().as("alice").delete(patch + "/members/bob").header("If-Match", "\"6\", \"1\"").send()
                .status()).isEqualTo(204);
        // a list naming only other versions: 412 with the current one
        JsonNode stale = assertProblem(api().as("alice").delete(patch).header("If-Match", "\"2\", \"3\"").send(),
                412, "version-mismatch");
        assertThat(stale.path("current_version").asLong()).isEqualTo(7);
        assertThat(stale.path("detail").asText()).contains("version 7");
        assertThat(eventCount(id)).isEqualTo(7);
        // * matches any version of a workspace that exists, and nothing that does not
        assertThat(api().as("alice").delete(patch).header("If-Match", "*").send().status()).isEqualTo(204);
        assertProblem(api().as("alice").patch(patch, "{\"description\":\"gone\"}").header("If-Match", "*").send(),
                404, "workspace-not-found");
    }

    @Test
    void updateWithAMalformedIfMatchAnswers422() {
        String name = uniqueName("badmatch");
        createWorkspace("alice", name);
        assertInvalidField(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"a\"}")
                .header("If-Match", "version-two").send(), "If-Match");
        for (String malformed : List.of("2", "\"2", "\"2\" \"3\"", "w/\"2\"", "*, \"2\"", ",")) {
            assertInvalidField(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"a\"}")
                    .header("If-Match", malformed).send(), "If-Match");
        }
    }

    @Test
    void anyAttemptToRenameAnswers422() {
        String name = uniqueName("fixed");
        createWorkspace("alice", name);
        long before = eventCount();
        JsonNode problem = assertInvalidField(api().as("alice")
                .patch("/v1/workspaces/" + name, "{\"name\":\"other\",\"description\":\"x\"}").send(), "name");
        assertThat(problem.path("detail").asText()).contains("immutable");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aRenameWithoutADescriptionReportsOnlyTheName() {
        String name = uniqueName("onlyname");
        createWorkspace("alice", name);
        long before = eventCount();

        JsonNode problem = assertInvalidField(api().as("alice").patch("/v1/workspaces/" + name, "{\"name\":\"x\"}")
                .send(), "name");

        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("name");
        assertThat(problem.path("detail").asText()).contains("immutable").doesNotContain("description");
        // a description that is there but invalid is still reported with it
        JsonNode both = assertInvalidField(api().as("alice").patch("/v1/workspaces/" + name,
                "{\"name\":\"x\",\"description\":\"" + "d".repeat(1001) + "\"}").send(), "name");
        assertThat(both.path("errors").findValuesAsText("field")).containsExactly("name", "description");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void updateWithoutADescriptionAnswers422() {
        String name = uniqueName("nodesc");
        createWorkspace("alice", name);
        assertInvalidField(api().as("alice").patch("/v1/workspaces/" + name, "{}").send(), "description");
    }

    @Test
    void updateAcceptsMergePatchJson() {
        String name = uniqueName("merge");
        createWorkspace("alice", name);
        assertThat(api().as("alice").patch("/v1/workspaces/" + name, "{\"description\":\"m\"}")
                .header("Content-Type", "application/merge-patch+json").send().status()).isEqualTo(200);
    }

    @Test
    void updateOfAnUnknownWorkspaceAnswers404() {
        assertProblem(api().as("alice").patch("/v1/workspaces/" + uniqueName("ghost"), "{\"description\":\"x\"}").send(),
                404, "workspace-not-found");
        assertProblem(api().as("alice").patch("/v1/workspaces/" + UUID.randomUUID(), "{\"description\":\"x\"}").send(),
                404, "workspace-not-found");
    }

    @Test
    void deleteAnswers204AndThenTheWorkspaceIsGoneByNameAndById() {
        String name = uniqueName("doomed");
        String id = createWorkspace("alice", name).path("id").asText();

        Api.Response deleted = api().as("alice").delete("/v1/workspaces/" + name).send();

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.consistencyToken()).isPositive();
        assertProblem(api().as("alice").delete("/v1/workspaces/" + name).send(), 404, "workspace-not-found");
        assertProblem(api().as("alice").delete("/v1/workspaces/" + id).send(), 404, "workspace-not-found");
        assertProblem(api().as("alice").patch("/v1/workspaces/" + id, "{\"description\":\"x\"}").send(),
                404, "workspace-not-found");
        assertThat(jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", String.class, id)).isEqualTo("workspace.deleted");
    }

    @Test
    void deleteWithRegisteredEntitiesAnswers409WithCountsByType() {
        String name = uniqueName("full");
        createWorkspace("alice", name);
        api().as("alice").put("/v1/workspaces/" + name + "/entities/dataset/d1").send();
        api().as("alice").put("/v1/workspaces/" + name + "/entities/dataset/d2").send();
        api().as("alice").put("/v1/workspaces/" + name + "/entities/model/m1").send();

        JsonNode problem = assertProblem(api().as("alice").delete("/v1/workspaces/" + name).send(), 409,
                "workspace-not-empty");

        assertThat(problem.path("detail").asText()).contains("2 dataset, 1 model");
        assertThat(problem.path("entity_counts").path("dataset").asInt()).isEqualTo(2);
        assertThat(problem.path("entity_counts").path("model").asInt()).isEqualTo(1);
    }

    @Test
    void deleteOfABuiltInWorkspaceAnswers409() {
        assertProblem(api().withRoles("root", "platform-admin").delete("/v1/workspaces/default").send(), 409,
                "built-in-workspace");
        assertProblem(api().withRoles("root", "platform-admin").delete("/v1/workspaces/system").send(), 409,
                "built-in-workspace");
    }

    @Test
    void deleteWithAStaleIfMatchAnswers412() {
        String name = uniqueName("keep");
        createWorkspace("alice", name);
        assertProblem(api().as("alice").delete("/v1/workspaces/" + name).header("If-Match", "\"1\"").send(),
                412, "version-mismatch");
        assertThat(api().as("alice").delete("/v1/workspaces/" + name).header("If-Match", "\"2\"").send().status())
                .isEqualTo(204);
    }

    @Test
    void entitiesRegisterAndUnregisterIdempotently() {
        String name = uniqueName("ents");
        String id = createWorkspace("alice", name).path("id").asText();
        String path = "/v1/workspaces/" + name + "/entities/dataset/sales-2026";

        assertThat(api().as("alice").put(path).send().status()).isEqualTo(204);
        assertThat(api().as("alice").put(path).send().status()).isEqualTo(204);
        assertThat(eventCount(id)).isEqualTo(3);
        assertThat(api().as("alice").delete(path).send().status()).isEqualTo(204);
        assertThat(api().as("alice").delete(path).send().status()).isEqualTo(204);
        assertThat(eventCount(id)).isEqualTo(4);
        assertThat(api().as("alice").delete("/v1/workspaces/" + name).send().status()).isEqualTo(204);
    }

    @Test
    void entityWritesAnswer404ForUnknownWorkspacesAnd422ForBadTypes() {
        assertProblem(api().as("alice").put("/v1/workspaces/" + uniqueName("none") + "/entities/dataset/d1").send(),
                404, "workspace-not-found");
        String name = uniqueName("badent");
        createWorkspace("alice", name);
        assertInvalidField(api().as("alice").put("/v1/workspaces/" + name + "/entities/Data%20Set/d1").send(), "type");
        assertInvalidField(api().as("alice").delete("/v1/workspaces/" + name + "/entities/dataset/%C3%A9").send(), "id");
    }
}
