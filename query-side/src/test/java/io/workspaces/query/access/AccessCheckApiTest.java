package io.workspaces.query.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/access/check} over real HTTP, with the command side writing the workspaces it is asked about. */
class AccessCheckApiTest extends QueryTestBase {

    private static final String CHECK = "/v1/access/check";
    private static final List<String> ACTIONS = List.of("read", "write", "manage", "delete", "read-history");

    /** Expected answer per principal for each action in the order of {@link #ACTIONS}: T allowed, F refused, N not found. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("ada", "T T T T T");       // admin
        EXPECTED.put("eddie", "T T F F F");     // editor
        EXPECTED.put("vic", "T F F F F");       // viewer
        EXPECTED.put("stranger", "N N N N N");  // no role
        EXPECTED.put("*", "N N N N N");         // holds roles, never acts
    }

    private Api checker() {
        return query().withRoles("svc-datasets", "access-checker");
    }

    private Api.Response check(Api as, String body) {
        return as.post(CHECK, body).send();
    }

    private static String checkOf(String principal, String target, String action) {
        return "{\"principal\":\"" + principal + "\"," + target + ",\"action\":\"" + action + "\"}";
    }

    private static String workspace(String ref) {
        return "\"workspace\":\"" + ref + "\"";
    }

    private static String entity(String type, String id) {
        return "\"entity\":{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}";
    }

    private static String body(List<String> checks) {
        return "{\"checks\":[" + String.join(",", checks) + "]}";
    }

    private long team(String name) {
        create("ada", name, "");
        write(command().as("ada").put("/v1/workspaces/" + name + "/members/eddie", "{\"role\":\"editor\"}"));
        write(command().as("ada").put("/v1/workspaces/" + name + "/members/*", "{\"role\":\"viewer\"}"));
        write(command().as("ada").delete("/v1/workspaces/" + name + "/members/*"));
        return write(command().as("ada").put("/v1/workspaces/" + name + "/members/vic", "{\"role\":\"viewer\"}"));
    }

    @Test
    void everyRoleGetsWhatThePermissionTableGivesIt() {
        String name = uniqueName("checks");
        long token = team(name);
        List<String> checks = new ArrayList<>();
        EXPECTED.keySet().forEach(principal -> ACTIONS.forEach(action -> checks.add(checkOf(principal, workspace(name), action))));

        Api.Response response = checker().post(CHECK, body(checks)).header("X-Consistency-Token", Long.toString(token)).send();

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode results = response.json().path("results");
        assertThat(results).hasSize(checks.size());
        String id = readJson(query().as("ada"), "/v1/workspaces/" + name, token).path("id").asText();
        int i = 0;
        for (Map.Entry<String, String> expected : EXPECTED.entrySet()) {
            String[] answers = expected.getValue().split(" ");
            for (int a = 0; a < ACTIONS.size(); a++, i++) {
                JsonNode result = results.get(i);
                String what = expected.getKey() + " " + ACTIONS.get(a) + ": " + result;
                switch (answers[a]) {
                    case "T" -> {
                        assertThat(result.path("allowed").asBoolean()).as(what).isTrue();
                        assertThat(result.path("workspace_id").asText()).as(what).isEqualTo(id);
                        assertThat(result.has("reason")).as(what).isFalse();
                    }
                    case "F" -> {
                        assertThat(result.path("allowed").asBoolean()).as(what).isFalse();
                        assertThat(result.path("workspace_id").asText()).as(what).isEqualTo(id);
                        assertThat(result.path("reason").asText()).as(what).startsWith("needs ");
                    }
                    default -> assertThat(result.toString()).as(what).isEqualTo("{\"allowed\":false,\"reason\":\"not found\"}");
                }
            }
        }
        assertThat(results.get(0).path("role").asText()).isEqualTo("admin");
        assertThat(results.get(5).path("role").asText()).isEqualTo("editor");
        assertThat(results.get(7).path("reason").asText()).isEqualTo("needs admin");
        assertThat(results.get(11).path("reason").asText()).isEqualTo("needs editor");
        assertThat(response.json().path("consistency_token").asLong()).isGreaterThanOrEqualTo(token);
        assertThat(response.consistencyToken()).isEqualTo(response.json().path("consistency_token").asLong());
    }

    @Test
    void theEveryoneBindingGivesEveryPrincipalItsRole() {
        String name = uniqueName("public");
        create("ada", name, "");
        long token = write(command().as("ada").put("/v1/workspaces/" + name + "/members/*", "{\"role\":\"editor\"}"));
        token = write(command().as("ada").put("/v1/workspaces/" + name + "/members/vic", "{\"role\":\"viewer\"}"));

        JsonNode results = checkAt(checker(), token, checkOf("passer-by", workspace(name), "write"),
                checkOf("vic", workspace(name), "write"), checkOf("passer-by", workspace(name), "manage"));

        assertThat(results.get(0).path("allowed").asBoolean()).isTrue();
        assertThat(results.get(0).path("role").asText()).isEqualTo("editor");
        assertThat(results.get(1).path("allowed").asBoolean()).isTrue();
        assertThat(results.get(1).path("role").asText()).isEqualTo("editor");
        assertThat(results.get(2).path("reason").asText()).isEqualTo("needs admin");
    }

    @Test
    void answersComeInTheOrderAskedByIdNameOrEntityAndRevealNothingThatIsNotVisible() {
        String name = uniqueName("order");
        long token = team(name);
        token = write(command().as("eddie").put("/v1/workspaces/" + name + "/entities/dataset/d-" + name));
        String id = readJson(query().as("ada"), "/v1/workspaces/" + name, token).path("id").asText();

        JsonNode results = checkAt(checker(), token,
                checkOf("vic", entity("dataset", "d-" + name), "read"),
                checkOf("vic", workspace(id), "write"),
                checkOf("eddie", workspace(id.toUpperCase()), "write"),
                checkOf("vic", workspace("no-such-" + name), "read"),
                checkOf("vic", entity("dataset", "missing-" + name), "read"),
                checkOf("stranger", workspace(name), "read"),
                checkOf("stranger", entity("dataset", "d-" + name), "read"),
                checkOf("vic", workspace("00000000-0000-0000-0000-000000000000"), "read"),
                checkOf("vic", workspace("Not A Name"), "read"));

        assertThat(results.get(0).path("allowed").asBoolean()).isTrue();
        assertThat(results.get(0).path("workspace_id").asText()).isEqualTo(id);
        assertThat(results.get(1).path("reason").asText()).isEqualTo("needs editor");
        assertThat(results.get(2).path("allowed").asBoolean()).isTrue();
        for (int i = 3; i < 9; i++) {
            assertThat(results.get(i).toString()).as("check %d", i).isEqualTo("{\"allowed\":false,\"reason\":\"not found\"}");
        }
    }

    @Test
    void deletedWorkspacesAndUnregisteredEntitiesAreNotFound() {
        String name = uniqueName("gone");
        create("ada", name, "");
        long token = write(command().as("ada").put("/v1/workspaces/" + name + "/entities/model/m-" + name));
        String id = readJson(query().as("ada"), "/v1/workspaces/" + name, token).path("id").asText();
        token = write(command().as("ada").delete("/v1/workspaces/" + name + "/entities/model/m-" + name));
        JsonNode results = checkAt(checker(), token, checkOf("ada", entity("model", "m-" + name), "read"));
        assertThat(results.get(0).path("reason").asText()).isEqualTo("not found");

        token = write(command().as("ada").delete("/v1/workspaces/" + name));
        results = checkAt(checker(), token, checkOf("ada", workspace(name), "read"), checkOf("ada", workspace(id), "read"));
        assertThat(results.get(0).path("reason").asText()).isEqualTo("not found");
        assertThat(results.get(1).path("reason").asText()).isEqualTo("not found");
    }

    @Test
    void anEntityInSeveralWorkspacesBelongsToTheFirstThatRegisteredIt() {
        String first = uniqueName("first");
        String second = uniqueName("second");
        create("ada", first, "");
        create("ada", second, "");
        String entity = "shared-" + first;
        write(command().as("ada").put("/v1/workspaces/" + first + "/entities/dataset/" + entity));
        long token = write(command().as("ada").put("/v1/workspaces/" + second + "/entities/dataset/" + entity));
        String firstId = readJson(query().as("ada"), "/v1/workspaces/" + first, token).path("id").asText();
        String secondId = readJson(query().as("ada"), "/v1/workspaces/" + second, token).path("id").asText();

        assertThat(readJson(query().as("ada"), "/v1/entities/dataset/" + entity, token).path("workspace").path("id")
                .asText()).isEqualTo(firstId);
        token = write(command().as("ada").delete("/v1/workspaces/" + first + "/entities/dataset/" + entity));
        assertThat(readJson(query().as("ada"), "/v1/entities/dataset/" + entity, token).path("workspace").path("id")
                .asText()).isEqualTo(secondId);
        assertThat(checkAt(checker(), token, checkOf("ada", entity("dataset", entity), "delete")).get(0)
                .path("workspace_id").asText()).isEqualTo(secondId);
    }

    @Test
    void callersMayAskAboutThemselvesAndOnlyCheckersAuditorsAndPlatformAdminsAboutOthers() {
        String name = uniqueName("who");
        long token = team(name);
        String aboutVic = body(List.of(checkOf("vic", workspace(name), "read")));

        JsonNode own = readCheck(query().withRoles("vic"), aboutVic, token);
        assertThat(own.path("results").get(0).path("allowed").asBoolean()).isTrue();
        for (Api other : List.of(query().withRoles("eddie"), query().withRoles("casey", "workspace-creator"),
                query().withRoles("stranger"))) {
            assertProblem(check(other, aboutVic), 403, "forbidden");
        }
        String mixed = body(List.of(checkOf("eddie", workspace(name), "read"), checkOf("vic", workspace(name), "read")));
        assertProblem(check(query().withRoles("eddie"), mixed), 403, "forbidden");
        for (Api privileged : List.of(checker(), auditor(), query().withRoles("pat", "platform-admin"))) {
            assertThat(readCheck(privileged, aboutVic, token).path("results").get(0).path("allowed").asBoolean()).isTrue();
        }
        assertThat(check(query().anonymous(), aboutVic).status()).isEqualTo(401);
    }

    @Test
    void aCallersOwnPlatformRolesCountWhenTheyAskAboutThemselves() {
        String name = uniqueName("platform");
        long token = team(name);
        Api auditor = query().withRoles("audrey", "auditor");
        JsonNode results = readCheck(auditor, body(List.of(checkOf("audrey", workspace(name), "read-history"),
                checkOf("audrey", workspace(name), "write"))), token).path("results");
        assertThat(results.get(0).path("allowed").asBoolean()).isTrue();
        assertThat(results.get(0).has("role")).isFalse();
        assertThat(results.get(1).path("allowed").asBoolean()).isFalse();
        assertThat(results.get(1).path("reason").asText()).isEqualTo("auditors only read");

        Api admin = query().withRoles("pat", "platform-admin");
        assertThat(readCheck(admin, body(List.of(checkOf("pat", workspace(name), "delete"))), token)
                .path("results").get(0).path("allowed").asBoolean()).isTrue();
        // asked by someone else, only workspace roles count
        assertThat(readCheck(checker(), body(List.of(checkOf("pat", workspace(name), "read"))), token)
                .path("results").get(0).path("reason").asText()).isEqualTo("not found");
    }

    @Test
    void aConsistencyTokenInTheHeaderOrTheBodyMakesTheAnswerReflectThatWrite() {
        String name = uniqueName("fresh");
        create("ada", name, "");
        for (int round = 0; round < 5; round++) {
            String principal = "new-" + round;
            long token = write(command().as("ada").put("/v1/workspaces/" + name + "/members/" + principal,
                    "{\"role\":\"editor\"}"));
            String question = checkOf(principal, workspace(name), "write");
            Api.Response byHeader = checker().post(CHECK, body(List.of(question)))
                    .header("X-Consistency-Token", Long.toString(token)).send();
            assertThat(byHeader.json().path("results").get(0).path("allowed").asBoolean()).as(byHeader.body()).isTrue();
            assertThat(byHeader.json().path("consistency_token").asLong()).isGreaterThanOrEqualTo(token);

            token = write(command().as("ada").delete("/v1/workspaces/" + name + "/members/" + principal));
            Api.Response byBody = check(checker(), "{\"checks\":[" + question + "],\"after\":" + token + "}");
            assertThat(byBody.json().path("results").get(0).path("reason").asText()).as(byBody.body())
                    .isEqualTo("not found");
        }
        Api.Response ahead = checker().post(CHECK, body(List.of(checkOf("ada", workspace(name), "read"))))
                .header("X-Consistency-Token", "999999999999").send();
        assertInvalidField(ahead, "X-Consistency-Token");
        Api.Response aheadInBody = check(checker(), "{\"checks\":[" + checkOf("ada", workspace(name), "read")
                + "],\"after\":999999999999}");
        assertInvalidField(aheadInBody, "after");
        Api.Response disagreeing = checker().post(CHECK, "{\"checks\":[" + checkOf("ada", workspace(name), "read")
                + "],\"after\":1}").header("X-Consistency-Token", "2").send();
        assertInvalidField(disagreeing, "after");
    }

    @Test
    void invalidRequestsAnswer422AndNameTheField() {
        String valid = checkOf("vic", workspace("x"), "read");
        assertInvalidField(check(checker(), "{\"checks\":[]}"), "checks");
        assertInvalidField(check(checker(), "{}"), "checks");
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> valid).collect(Collectors.joining(","));
        assertInvalidField(check(checker(), "{\"checks\":[" + tooMany + "]}"), "checks");
        String justEnough = IntStream.range(0, 1000).mapToObj(i -> valid).collect(Collectors.joining(","));
        assertThat(check(checker(), "{\"checks\":[" + justEnough + "]}").json().path("results")).hasSize(1000);
        assertInvalidField(check(checker(), body(List.of(checkOf("vic", workspace("x"), "own")))), "checks[0].action");
        assertInvalidField(check(checker(), body(List.of(valid, "{\"principal\":\"vic\",\"action\":\"read\"}"))),
                "checks[1]");
        assertInvalidField(check(checker(), body(List.of(checkOf("vic", workspace("x") + "," + entity("dataset", "d"),
                "read")))), "checks[0]");
        assertInvalidField(check(checker(), body(List.of(checkOf("vic", entity("Dataset!", "d"), "read")))),
                "checks[0].entity.type");
        assertInvalidField(check(checker(), body(List.of(checkOf("a b", workspace("x"), "read")))),
                "checks[0].principal");
        assertInvalidField(check(checker(), "{\"checks\":[" + valid + "],\"extra\":1}"), "extra");
        assertInvalidField(check(checker(), "{\"checks\":[{\"principal\":\"vic\",\"workspace\":\"x\",\"action\":\"read\","
                + "\"role\":\"admin\"}]}"), "checks[0].role");
        assertInvalidField(check(checker(), "{\"checks\":[" + valid + "],\"after\":\"soon\"}"), "after");
        assertProblem(check(checker(), "not json"), 400, "malformed-json");
    }

    @Test
    void aThousandChecksOfLongReferencesFitInOneRequestAndOnlyLargerBodiesAnswer413() {
        String longPrincipal = "svc-" + "p".repeat(120);
        String byId = checkOf(longPrincipal, entity("dataset", "d-" + "9".repeat(120)), "read-history");
        String thousand = body(IntStream.range(0, 1000).mapToObj(i -> byId).toList());
        assertThat(thousand.length()).isGreaterThan(64 * 1024);
        Api.Response answered = check(checker(), thousand);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("results")).hasSize(1000);

        String overAMebibyte = "{\"checks\":[" + valid() + "],\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertProblem(check(checker(), overAMebibyte), 413, "payload-too-large");
        assertProblem(query().as("vic").post("/v1/workspaces", "{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}").send(),
                413, "payload-too-large");
    }

    private static String valid() {
        return checkOf("vic", workspace("x"), "read");
    }

    @Test
    void theHolderOfAnEntityIsShownToThoseWhoMayReadItsWorkspace() {
        String name = uniqueName("holder");
        long token = team(name);
        token = write(command().as("eddie").put("/v1/workspaces/" + name + "/entities/job/j-" + name));
        String id = readJson(query().as("ada"), "/v1/workspaces/" + name, token).path("id").asText();
        String path = "/v1/entities/job/j-" + name;

        JsonNode held = readJson(query().as("vic"), path, token);
        assertThat(held.path("type").asText()).isEqualTo("job");
        assertThat(held.path("id").asText()).isEqualTo("j-" + name);
        assertThat(held.path("workspace").path("id").asText()).isEqualTo(id);
        assertThat(held.path("workspace").path("name").asText()).isEqualTo(name);
        assertThat(held.path("role").asText()).isEqualTo("viewer");
        assertThat(readJson(auditor(), path, token).path("workspace").path("id").asText()).isEqualTo(id);

        JsonNode hidden = assertProblem(read(query().as("stranger"), path, token), 404, "entity-not-found");
        JsonNode missing = assertProblem(read(query().as("stranger"), "/v1/entities/job/none-" + name, token), 404,
                "entity-not-found");
        assertThat(hidden.path("title")).isEqualTo(missing.path("title"));
        assertThat(hidden.path("detail").asText()).isEqualTo("no entity 'job/j-" + name + "'");

        token = write(command().as("eddie").delete("/v1/workspaces/" + name + "/entities/job/j-" + name));
        assertProblem(read(query().as("vic"), path, token), 404, "entity-not-found");
        assertInvalidField(query().get("/v1/entities/Job/x").send(), "type");
        assertInvalidField(query().get(path + "?verbose=true").send(), "verbose");
    }

    private JsonNode checkAt(Api as, long token, String... checks) {
        return readCheck(as, body(List.of(checks)), token).path("results");
    }

    private JsonNode readCheck(Api as, String body, long token) {
        Api.Response response = as.post(CHECK, body).header("X-Consistency-Token", Long.toString(token)).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
