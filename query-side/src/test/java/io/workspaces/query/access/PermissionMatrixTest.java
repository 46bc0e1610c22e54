package io.workspaces.query.access;

import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every action of the permissions table (docs/domain.md) for every kind of caller, over real HTTP on both sides, each on a fresh workspace whose
 * admins are {@code owner} and {@code ada}, with {@code vic} viewer, {@code eddie} editor and {@code tom}
 * viewer (the member other members act on). The "everyone" caller has no membership in a workspace that binds
 * {@code *} as viewer; every other caller acts on a workspace without that binding.
 */
class PermissionMatrixTest extends QueryTestBase {

    private static final List<String> CALLERS = List.of(
            "anonymous", "stranger", "creator", "viewer", "editor", "admin", "everyone", "auditor", "platform-admin");

    /** Expected status per caller, in the order of {@link #CALLERS}. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("create workspace",   "401 403 201 403 403 403 403 403 201");
        EXPECTED.put("read workspace",     "401 404 404 200 200 200 200 200 200");
        EXPECTED.put("read members",       "401 404 404 200 200 200 200 200 200");
        EXPECTED.put("update description", "401 404 404 403 200 200 403 403 200");
        EXPECTED.put("add member",         "401 404 404 403 403 201 403 403 201");
        EXPECTED.put("change member role", "401 404 404 403 403 200 403 403 200");
        EXPECTED.put("remove member",      "401 404 404 403 403 204 403 403 204");
        EXPECTED.put("delete workspace",   "401 404 404 403 403 204 403 403 204");
        EXPECTED.put("register entity",    "401 404 404 403 204 204 403 403 204");
        EXPECTED.put("unregister entity",  "401 404 404 403 204 204 403 403 204");
        EXPECTED.put("read history",       "401 404 404 403 403 200 403 200 200");
        EXPECTED.put("role lookup, own",   "401 200 200 200 200 200 200 200 200");
        EXPECTED.put("role lookup, other", "401 403 403 403 403 403 403 200 200");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        EXPECTED.forEach((action, statuses) -> {
            String[] expected = statuses.split(" ");
            for (int i = 0; i < CALLERS.size(); i++) {
                cells.add(Arguments.of(action, CALLERS.get(i), Integer.parseInt(expected[i])));
            }
        });
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void everyActionForEveryCaller(String action, String caller, int expected) {
        Workspace workspace = workspaceFor(caller, action);
        Api as = as(caller);
        Api.Response response = switch (action) {
            case "create workspace" -> commandAs(caller).post("/v1/workspaces", "{\"name\":\"" + uniqueName("made") + "\"}").send();
            case "read workspace" -> read(as, "/v1/workspaces/" + workspace.name(), workspace.token());
            case "read members" -> read(as, "/v1/workspaces/" + workspace.name() + "/members", workspace.token());
            case "update description" -> commandAs(caller)
                    .patch("/v1/workspaces/" + workspace.name(), "{\"description\":\"changed\"}").send();
            case "add member" -> commandAs(caller)
                    .put("/v1/workspaces/" + workspace.name() + "/members/newbie", "{\"role\":\"viewer\"}").send();
            case "change member role" -> commandAs(caller)
                    .put("/v1/workspaces/" + workspace.name() + "/members/tom", "{\"role\":\"editor\"}").send();
            case "remove member" -> commandAs(caller).delete("/v1/workspaces/" + workspace.name() + "/members/tom").send();
            case "delete workspace" -> commandAs(caller).delete("/v1/workspaces/" + workspace.name()).send();
            case "register entity" -> commandAs(caller)
                    .put("/v1/workspaces/" + workspace.name() + "/entities/dataset/new-one").send();
            case "unregister entity" -> commandAs(caller)
                    .delete("/v1/workspaces/" + workspace.name() + "/entities/dataset/existing").send();
            case "read history" -> read(as, "/v1/workspaces/" + workspace.name() + "/history", workspace.token());
            case "role lookup, own" -> read(as, "/v1/principals/" + principalOf(caller) + "/workspaces",
                    workspace.token());
            case "role lookup, other" -> read(as, "/v1/principals/someone-else/workspaces", workspace.token());
            default -> throw new IllegalArgumentException(action);
        };

        assertThat(response.status()).as("%s by %s: %s", action, caller, response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        if (expected == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void listsShowOnlyReadableWorkspacesAndTheirTotalsCountOnlyThose() {
        String prefix = uniqueName("private");
        long token = 0;
        for (int i = 0; i < 3; i++) {
            token = create("owner", prefix + "-" + i, "").consistencyToken();
        }
        token = write(command().as("owner").put("/v1/workspaces/" + prefix + "-1/members/vic", "{\"role\":\"viewer\"}"));
        String list = "/v1/workspaces?name_prefix=" + prefix;

        assertThat(total(readJsonAs("owner", list, token))).isEqualTo(3);
        assertThat(total(readJsonAs("vic", list, token))).isEqualTo(1);
        assertThat(total(readJsonAs("stranger", list, token))).isZero();
        assertThat(readJsonAs("stranger", list, token).path("data")).isEmpty();
        assertThat(total(readJsonAs("stranger", list + "&member=owner", token))).isZero();
        assertThat(total(readJson(auditor(), list, token))).isEqualTo(3);
        assertThat(total(readJson(query().withRoles("pat", "platform-admin"), list, token))).isEqualTo(3);
    }

    @Test
    void theEveryoneBindingsOfTheBuiltInsMakeThemVisibleToEveryCaller() {
        Api.Response list = query().withRoles("newcomer").get("/v1/workspaces?sort=name&name_prefix=default").send();
        assertThat(list.json().path("data").get(0).path("name").asText()).isEqualTo("default");
        assertThat(query().withRoles("newcomer").get("/v1/workspaces/system").send().status()).isEqualTo(200);
        assertThat(command().withRoles("newcomer").patch("/v1/workspaces/system", "{\"description\":\"x\"}").send()
                .status()).isEqualTo(403);
    }

    private long total(com.fasterxml.jackson.databind.JsonNode page) {
        return page.path("pagination").path("total_results").asLong();
    }

    private com.fasterxml.jackson.databind.JsonNode readJsonAs(String principal, String path, long token) {
        return readJson(query().withRoles(principal), path, token);
    }

    private record Workspace(String name, long token) {
    }

    /** A fresh workspace in the state the action needs, readable on the query side at {@code token}. */
    private Workspace workspaceFor(String caller, String action) {
        String name = uniqueName("matrix");
        create("owner", name, "");
        Api owner = command().as("owner");
        long token = 0;
        for (String[] member : new String[][]{{"ada", "admin"}, {"vic", "viewer"}, {"eddie", "editor"},
                {"tom", "viewer"}}) {
            token = write(owner.put("/v1/workspaces/" + name + "/members/" + member[0],
                    "{\"role\":\"" + member[1] + "\"}"));
        }
        if (caller.equals("everyone")) {
            token = write(owner.put("/v1/workspaces/" + name + "/members/*", "{\"role\":\"viewer\"}"));
        }
        if (action.equals("unregister entity")) {
            token = write(owner.put("/v1/workspaces/" + name + "/entities/dataset/existing"));
        }
        return new Workspace(name, token);
    }

    private Api as(String caller) {
        return authenticate(query(), caller);
    }

    private Api commandAs(String caller) {
        return authenticate(command(), caller);
    }

    private static Api authenticate(Api api, String caller) {
        return switch (caller) {
            case "anonymous" -> api.anonymous();
            case "creator" -> api.withRoles(principalOf(caller), "workspace-creator");
            case "auditor" -> api.withRoles(principalOf(caller), "auditor");
            case "platform-admin" -> api.withRoles(principalOf(caller), "platform-admin");
            default -> api.withRoles(principalOf(caller));
        };
    }

    private static String principalOf(String caller) {
        return switch (caller) {
            case "stranger" -> "stranger";
            case "creator" -> "casey";
            case "viewer" -> "vic";
            case "editor" -> "eddie";
            case "admin" -> "ada";
            case "everyone" -> "passer-by";
            case "auditor" -> "audrey";
            case "platform-admin" -> "pat";
            default -> "nobody";
        };
    }
}
