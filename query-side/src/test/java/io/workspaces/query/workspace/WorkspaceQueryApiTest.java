package io.workspaces.query.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceQueryApiTest extends QueryTestBase {

    @Test
    void aCreatedWorkspaceReadsBackByNameAndByIdExactlyAsTheCommandSideAnswered() {
        String name = uniqueName("read");
        Api.Response created = create("alice", name, "caf\u00e9 \uD83D\uDE80");
        JsonNode written = created.json();

        Api.Response byName = read("/v1/workspaces/" + name, created.consistencyToken());
        Api.Response byId = query().get("/v1/workspaces/" + written.path("id").asText()).send();

        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json()).isEqualTo(written);
        assertThat(byId.json()).isEqualTo(written);
        assertThat(byName.header("ETag")).isEqualTo("\"2\"").isEqualTo(created.header("ETag"));
        assertThat(byName.json().fieldNames()).toIterable().containsExactly("id", "name", "description",
                "created_at", "created_by", "updated_at", "updated_by", "version", "member_count", "entity_counts");
    }

    @Test
    void theBodyFollowsEveryKindOfChange() {
        String name = uniqueName("changes");
        create("alice", name, "first");
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"admin\"}"));
        write(command().put("/v1/workspaces/" + name + "/entities/dataset/d1"));
        write(command().put("/v1/workspaces/" + name + "/entities/dataset/d2"));
        write(command().put("/v1/workspaces/" + name + "/entities/model/m1"));
        write(command().delete("/v1/workspaces/" + name + "/entities/dataset/d2"));
        long token = write(command().as("bob").patch("/v1/workspaces/" + name, "{\"description\":\"second\"}"));

        JsonNode workspace = readJson("/v1/workspaces/" + name, token);

        assertThat(workspace.path("description").asText()).isEqualTo("second");
        assertThat(workspace.path("member_count").asInt()).isEqualTo(2);
        assertThat(workspace.path("entity_counts").toString()).isEqualTo("{\"dataset\":1,\"model\":1}");
        assertThat(workspace.path("version").asLong()).isEqualTo(8);
        assertThat(workspace.path("created_by").asText()).isEqualTo("alice");
        assertThat(workspace.path("updated_by").asText()).isEqualTo("bob");
    }

    @Test
    void ifNoneMatchWithTheCurrentEtagAnswers304() {
        String name = uniqueName("etag");
        Api.Response created = create("alice", name, "");
        read("/v1/workspaces/" + name, created.consistencyToken());

        Api.Response unchanged = query().get("/v1/workspaces/" + name).header("If-None-Match", "\"2\"").send();
        Api.Response changed = query().get("/v1/workspaces/" + name).header("If-None-Match", "\"1\"").send();

        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.header("ETag")).isEqualTo("\"2\"");
        assertThat(changed.status()).isEqualTo(200);
    }

    @Test
    void ifNoneMatchTakesStarAndListsComparedWeakly() {
        String name = uniqueName("nonematch");
        read("/v1/workspaces/" + name, create("alice", name, "").consistencyToken());
        String path = "/v1/workspaces/" + name;

        for (String notModified : List.of("*", "\"1\", \"2\"", "W/\"2\"", "\"9\",W/\"2\"", " \"2\" ")) {
            Api.Response response = query().get(path).header("If-None-Match", notModified).send();
            assertThat(response.status()).as(notModified).isEqualTo(304);
            assertThat(response.header("ETag")).as(notModified).isEqualTo("\"2\"");
            assertThat(response.body()).as(notModified).isEmpty();
        }
        // other versions, tags naming no version, and malformed values: the workspace
        for (String modified : List.of("\"1\", \"3\"", "W/\"1\"", "\"abc\"", "2", "\"2")) {
            Api.Response response = query().get(path).header("If-None-Match", modified).send();
            assertThat(response.status()).as(modified).isEqualTo(200);
            assertThat(response.json().path("name").asText()).isEqualTo(name);
        }
        // * never makes a missing or unreadable workspace look present
        assertProblem(query().get("/v1/workspaces/" + uniqueName("missing")).header("If-None-Match", "*").send(),
                404, "workspace-not-found");
        assertProblem(query().as("stranger").get(path).header("If-None-Match", "*").send(), 404, "workspace-not-found");
    }

    @Test
    void unknownInvalidAndDeletedWorkspacesAnswer404() {
        String name = uniqueName("gone");
        String id = create("alice", name, "").json().path("id").asText();
        long token = write(command().delete("/v1/workspaces/" + name));

        assertProblem(read("/v1/workspaces/" + name, token), 404, "workspace-not-found");
        assertProblem(query().get("/v1/workspaces/" + id).send(), 404, "workspace-not-found");
        assertProblem(query().get("/v1/workspaces/no-such-workspace").send(), 404, "workspace-not-found");
        assertProblem(query().get("/v1/workspaces/00000000-0000-0000-0000-000000000000").send(), 404,
                "workspace-not-found");
        assertProblem(query().get("/v1/workspaces/Not_A_Name").send(), 404, "workspace-not-found");
    }

    @Test
    void theListHasTheShapeOfTheSpecAndPagesThroughEverything() {
        String prefix = uniqueName("page");
        long token = 0;
        for (int i = 0; i < 5; i++) {
            token = create("alice", prefix + "-" + i, "").consistencyToken();
        }

        JsonNode first = readJson("/v1/workspaces?name_prefix=" + prefix + "&page_size=2&sort=name", token);
        JsonNode last = query().get("/v1/workspaces?name_prefix=" + prefix + "&page_size=2&page=3&sort=name").send().json();
        JsonNode beyond = query().get("/v1/workspaces?name_prefix=" + prefix + "&page_size=2&page=4").send().json();

        assertThat(first.fieldNames()).toIterable().containsExactly("data", "pagination", "sort");
        assertThat(first.path("pagination").toString()).isEqualTo(
                "{\"page\":1,\"page_size\":2,\"total_results\":5,\"total_pages\":3,\"current_page_size\":2}");
        assertThat(first.path("sort").asText()).isEqualTo("name");
        assertThat(names(first)).containsExactly(prefix + "-0", prefix + "-1");
        assertThat(names(last)).containsExactly(prefix + "-4");
        assertThat(last.path("pagination").path("current_page_size").asInt()).isEqualTo(1);
        assertThat(beyond.path("data")).isEmpty();
        assertThat(beyond.path("pagination").path("total_results").asInt()).isEqualTo(5);
    }

    @Test
    void everySortOrdersBothWaysTiesBrokenByIdWithNewestCreatedFirstByDefault() {
        String prefix = uniqueName("sort");
        long token = 0;
        for (String suffix : List.of("b", "c", "a")) {
            token = create("alice", prefix + "-" + suffix, "").consistencyToken();
        }
        token = write(command().patch("/v1/workspaces/" + prefix + "-b", "{\"description\":\"touched\"}"));
        String list = "/v1/workspaces?name_prefix=" + prefix;
        List<JsonNode> rows = new ArrayList<>();
        readJson(list, token).path("data").forEach(rows::add);
        assertThat(rows).hasSize(3);

        for (String key : List.of("name", "created_at", "updated_at")) {
            Comparator<JsonNode> ascending = Comparator.<JsonNode, String>comparing(row -> sortable(row.path(key)))
                    .thenComparing(row -> row.path("id").asText());
            assertThat(names(readJson(list + "&sort=" + key, token))).as(key)
                    .containsExactlyElementsOf(namesOf(rows.stream().sorted(ascending).toList()));
            assertThat(names(readJson(list + "&sort=-" + key, token))).as("-" + key)
                    .containsExactlyElementsOf(namesOf(rows.stream().sorted(ascending.reversed()).toList()));
        }
        assertThat(names(readJson(list, token))).as("default")
                .isEqualTo(names(readJson(list + "&sort=-created_at", token)));
        assertThat(names(readJson(list + "&sort=name", token)))
                .containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
        assertThat(names(readJson(list + "&sort=-updated_at", token))).first().isEqualTo(prefix + "-b");
    }

    @Test
    void memberAndRoleFilterByDirectMembership() {
        String prefix = uniqueName("member");
        create("alice", prefix + "-one", "");
        create("alice", prefix + "-two", "");
        create("carol", prefix + "-three", "");
        write(command().put("/v1/workspaces/" + prefix + "-one/members/bob", "{\"role\":\"viewer\"}"));
        long token = write(command().put("/v1/workspaces/" + prefix + "-two/members/bob", "{\"role\":\"editor\"}"));
        String list = "/v1/workspaces?sort=name&name_prefix=" + prefix;

        assertThat(names(readJson(list + "&member=bob", token))).containsExactly(prefix + "-one", prefix + "-two");
        assertThat(names(readJson(list + "&member=bob&role=editor", token))).containsExactly(prefix + "-two");
        assertThat(names(readJson(list + "&member=alice&role=admin", token))).containsExactly(prefix + "-one", prefix + "-two");
        assertThat(names(readJson(list + "&member=nobody", token))).isEmpty();
        assertThat(readJson(list + "&member=nobody", token).path("pagination").path("total_results").asInt()).isZero();
        // role without member: the caller's (effective) role
        assertThat(names(query().as("carol").get(list + "&role=admin").send().json())).containsExactly(prefix + "-three");
    }

    @Test
    void roleWithoutMemberFiltersOnTheCallersEffectiveRole() {
        String prefix = uniqueName("effective");
        // carl is an editor in each; '*' is bound above, below, equal to his role, or not at all
        String above = prefix + "-above";
        String below = prefix + "-below";
        String equal = prefix + "-equal";
        String unbound = prefix + "-unbound";
        String everyoneOnly = prefix + "-everyone";
        for (String name : List.of(above, below, equal, unbound, everyoneOnly)) {
            create("alice", name, "");
        }
        for (String name : List.of(above, below, equal, unbound)) {
            write(command().put("/v1/workspaces/" + name + "/members/carl", "{\"role\":\"editor\"}"));
        }
        write(command().put("/v1/workspaces/" + above + "/members/*", "{\"role\":\"admin\"}"));
        write(command().put("/v1/workspaces/" + below + "/members/*", "{\"role\":\"viewer\"}"));
        write(command().put("/v1/workspaces/" + equal + "/members/*", "{\"role\":\"editor\"}"));
        long token = write(command().put("/v1/workspaces/" + everyoneOnly + "/members/*", "{\"role\":\"editor\"}"));
        String list = "/v1/workspaces?sort=name&name_prefix=" + prefix;
        Api carl = query().as("carl");
        Api nora = query().as("nora"); // no membership of her own anywhere

        assertThat(names(readJson(carl, list + "&role=admin", token))).containsExactly(above);
        assertThat(names(readJson(carl, list + "&role=editor", token)))
                .containsExactly(below, equal, everyoneOnly, unbound);
        assertThat(names(readJson(carl, list + "&role=viewer", token))).isEmpty();
        assertThat(readJson(carl, list + "&role=viewer", token).path("pagination").path("total_results").asInt()).isZero();

        assertThat(names(readJson(nora, list + "&role=admin", token))).containsExactly(above);
        assertThat(names(readJson(nora, list + "&role=editor", token))).containsExactly(equal, everyoneOnly);
        assertThat(names(readJson(nora, list + "&role=viewer", token))).containsExactly(below);
        // the role lookup agrees
        java.util.Map<String, String> lookedUp = new java.util.TreeMap<>();
        readJson(carl, "/v1/principals/carl/workspaces?page_size=1000", token).path("data").forEach(grant -> {
            if (grant.path("workspace").path("name").asText().startsWith(prefix)) {
                lookedUp.put(grant.path("workspace").path("name").asText(), grant.path("role").asText());
            }
        });
        assertThat(lookedUp).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(above, "admin", below, "editor",
                equal, "editor", unbound, "editor", everyoneOnly, "editor"));
        // member keeps meaning that member's own, direct role
        assertThat(names(readJson(carl, list + "&member=carl&role=editor", token)))
                .containsExactly(above, below, equal, unbound);
        assertThat(names(readJson(carl, list + "&member=carl&role=admin", token))).isEmpty();
    }

    @Test
    void deletedWorkspacesLeaveTheList() {
        String prefix = uniqueName("listed");
        create("alice", prefix + "-kept", "");
        create("alice", prefix + "-deleted", "");
        long token = write(command().delete("/v1/workspaces/" + prefix + "-deleted"));

        JsonNode list = readJson("/v1/workspaces?name_prefix=" + prefix, token);

        assertThat(names(list)).containsExactly(prefix + "-kept");
        assertThat(list.path("pagination").path("total_results").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=-1", "page=abc", "page=1.5", "page=99999999999", "page_size=0",
            "page_size=1001", "page_size=-5", "page_size=", "sort=unknown", "sort=NAME", "name_prefix=UPPER",
            "name_prefix=%25", "name_prefix=a_b", "member=has%20space", "member=", "role=owner", "role=ADMIN"})
    void badParametersAnswer422(String parameter) {
        String field = parameter.substring(0, parameter.indexOf('='));
        assertInvalidField(query().get("/v1/workspaces?" + parameter).send(), field);
    }

    @Test
    void unknownAndRepeatedParametersAnswer422() {
        assertInvalidField(query().get("/v1/workspaces?pagesize=5").send(), "pagesize");
        assertInvalidField(query().get("/v1/workspaces?page=1&page=2").send(), "page");
        assertInvalidField(query().get("/v1/workspaces/default?page=1").send(), "page");
    }

    @Test
    void theMaximumPageSizeIsAccepted() {
        JsonNode list = query().get("/v1/workspaces?page_size=1000").send().json();
        assertThat(list.path("pagination").path("page_size").asInt()).isEqualTo(1000);
    }

    /** Names as they are; timestamps as zero-padded epoch nanoseconds, so that text order is time order. */
    private static String sortable(JsonNode value) {
        try {
            Instant instant = Instant.parse(value.asText());
            return String.format("%020d%09d", instant.getEpochSecond(), instant.getNano());
        } catch (DateTimeParseException notATimestamp) {
            return value.asText();
        }
    }

    private static List<String> namesOf(List<JsonNode> rows) {
        return rows.stream().map(row -> row.path("name").asText()).toList();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("data").forEach(workspace -> names.add(workspace.path("name").asText()));
        return names;
    }
}
