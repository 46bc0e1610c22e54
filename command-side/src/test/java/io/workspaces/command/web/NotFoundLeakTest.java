package io.workspaces.command.web;

import io.workspaces.command.support.ApiTestBase;
import io.workspaces.common.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller who may not read a workspace must get exactly the answer a missing one gets, on every command route:
 * same status, same headers, same body byte for byte once the reference they typed and the request id are
 * masked, and never the hidden workspace's id.
 */
class NotFoundLeakTest extends ApiTestBase {

    private static final String OUTSIDER = "mallory";

    /** Every command route that takes a workspace reference, as (ref) -> request for a given caller. */
    private Map<String, BiFunction<Api, String, Api.Request>> routes() {
        return Map.of(
                "PATCH workspace", (api, ref) -> api.patch("/v1/workspaces/" + ref, "{\"description\":\"x\"}"),
                "DELETE workspace", (api, ref) -> api.delete("/v1/workspaces/" + ref),
                "PUT member", (api, ref) -> api.put("/v1/workspaces/" + ref + "/members/bob", "{\"role\":\"viewer\"}"),
                "DELETE member", (api, ref) -> api.delete("/v1/workspaces/" + ref + "/members/bob"),
                "PUT entity", (api, ref) -> api.put("/v1/workspaces/" + ref + "/entities/dataset/d-1"),
                "DELETE entity", (api, ref) -> api.delete("/v1/workspaces/" + ref + "/entities/dataset/d-1"));
    }

    @Test
    void hiddenDeletedAndMissingWorkspacesAnswerAlikeOnEveryCommandRoute() {
        String hiddenName = uniqueName("hidden");
        String hiddenId = createWorkspace("alice", hiddenName).path("id").asText();
        api().as("alice").put("/v1/workspaces/" + hiddenName + "/members/bob", "{\"role\":\"viewer\"}").send();
        api().as("alice").put("/v1/workspaces/" + hiddenName + "/entities/dataset/d-1").send();
        String deletedName = uniqueName("gone");
        String deletedId = createWorkspace(OUTSIDER, deletedName).path("id").asText();
        assertThat(api().as(OUTSIDER).delete("/v1/workspaces/" + deletedId).send().status()).isEqualTo(204);
        List<String> refs = List.of(hiddenName, hiddenId, hiddenId.toUpperCase(), deletedName, deletedId,
                uniqueName("hidden"), UUID.randomUUID().toString());

        routes().forEach((route, request) -> {
            String expected = null;
            for (String ref : refs) {
                Api.Response answer = request.apply(api().as(OUTSIDER), ref).send();
                assertThat(answer.status()).as(route + " " + ref).isEqualTo(404);
                assertThat(answer.body()).as(route + " " + ref).contains("'" + ref + "'");
                assertThat(answer.body().replace(ref, "<ref>").toLowerCase()).as(route + " " + ref)
                        .doesNotContain(hiddenId).doesNotContain(deletedId);
                String masked = route + " " + answer.headers().map().keySet().stream()
                        .filter(name -> !name.equalsIgnoreCase("date") && !name.equalsIgnoreCase("x-request-id")
                                && !name.equalsIgnoreCase("content-length"))
                        .sorted().toList()
                        + " " + answer.body().replace(ref, "<ref>")
                        .replaceAll("\"request_id\":\"[^\"]*\"", "\"request_id\":\"<id>\"");
                if (expected == null) {
                    expected = masked;
                } else {
                    assertThat(masked).as(route + " " + ref).isEqualTo(expected);
                }
            }
        });
    }
}
