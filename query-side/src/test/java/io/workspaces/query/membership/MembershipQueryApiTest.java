package io.workspaces.query.membership;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class MembershipQueryApiTest extends QueryTestBase {

    @Test
    void membersAreListedWithTheirRoleAndWhoGrantedItWhen() {
        String name = uniqueName("members");
        create("alice", name, "");
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
        long token = write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}"));

        JsonNode members = readJson("/v1/workspaces/" + name + "/members", token);

        assertThat(members.path("pagination").path("total_results").asInt()).isEqualTo(2);
        assertThat(members.path("sort").asText()).isEqualTo("principal");
        JsonNode alice = members.path("data").get(0);
        JsonNode bob = members.path("data").get(1);
        assertThat(alice.fieldNames()).toIterable().containsExactly("principal", "role", "granted_at", "granted_by");
        assertThat(alice.path("principal").asText()).isEqualTo("alice");
        assertThat(alice.path("role").asText()).isEqualTo("admin");
        assertThat(bob.path("role").asText()).isEqualTo("editor");
        assertThat(bob.path("granted_by").asText()).isEqualTo("alice");
        assertThat(Instant.parse(bob.path("granted_at").asText()))
                .isAfterOrEqualTo(Instant.parse(alice.path("granted_at").asText()));
    }

    @Test
    void membersCanBeFilteredByRoleSortedAndPaged() {
        String name = uniqueName("roster");
        create("alice", name, "");
        write(command().put("/v1/workspaces/" + name + "/members/carol", "{\"role\":\"viewer\"}"));
        long token = write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
        String members = "/v1/workspaces/" + name + "/members";

        assertThat(principals(readJson(members + "?role=viewer", token))).containsExactly("bob", "carol");
        assertThat(principals(readJson(members + "?sort=-principal", token))).containsExactly("carol", "bob", "alice");
        List<JsonNode> rows = new ArrayList<>();
        readJson(members, token).path("data").forEach(rows::add);
        Comparator<JsonNode> byGrant = Comparator.<JsonNode, Instant>comparing(
                row -> Instant.parse(row.path("granted_at").asText())).thenComparing(row -> row.path("principal").asText());
        List<String> oldestFirst = rows.stream().sorted(byGrant).map(row -> row.path("principal").asText()).toList();
        assertThat(principals(readJson(members + "?sort=granted_at", token))).containsExactlyElementsOf(oldestFirst);
        List<String> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        assertThat(principals(readJson(members + "?sort=-granted_at", token))).containsExactlyElementsOf(newestFirst);
        assertThat(principals(readJson(members + "?sort=granted_at&page_size=1&page=2", token)))
                .containsExactly(oldestFirst.get(1));
        assertInvalidField(query().get(members + "?role=root").send(), "role");
        assertInvalidField(query().get(members + "?sort=role").send(), "sort");
    }

    @Test
    void removedMembersLeaveAndUnknownOrDeletedWorkspacesAnswer404() {
        String name = uniqueName("leavers");
        create("alice", name, "");
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
        long token = write(command().delete("/v1/workspaces/" + name + "/members/bob"));

        assertThat(principals(readJson("/v1/workspaces/" + name + "/members", token))).containsExactly("alice");

        token = write(command().delete("/v1/workspaces/" + name));
        assertProblem(read("/v1/workspaces/" + name + "/members", token), 404, "workspace-not-found");
        assertProblem(query().get("/v1/workspaces/no-such-workspace/members").send(), 404, "workspace-not-found");
    }

    @Test
    void theRoleLookupGivesEachWorkspaceWithTheEffectiveRoleIncludingEveryoneBindings() {
        String principal = uniqueName("dana");
        String viewerHere = uniqueName("a-viewer");
        String adminHere = uniqueName("b-admin");
        create("alice", viewerHere, "");
        create("alice", adminHere, "");
        write(command().put("/v1/workspaces/" + viewerHere + "/members/" + principal, "{\"role\":\"viewer\"}"));
        long token = write(command().put("/v1/workspaces/" + adminHere + "/members/" + principal, "{\"role\":\"admin\"}"));

        JsonNode grants = readJson(query().as(principal), "/v1/principals/" + principal + "/workspaces?sort=name", token);

        assertThat(workspaceNames(grants)).contains(viewerHere, adminHere, "default", "system");
        assertThat(grant(grants, viewerHere).toString()).contains("\"role\":\"viewer\"", "\"member_role\":\"viewer\"");
        assertThat(grant(grants, adminHere).path("role").asText()).isEqualTo("admin");
        // the built-ins bind '*': editor in default, viewer in system
        assertThat(grant(grants, "default").path("role").asText()).isEqualTo("editor");
        assertThat(grant(grants, "default").path("member_role").isNull()).isTrue();
        assertThat(grant(grants, "default").path("everyone_role").asText()).isEqualTo("editor");
        assertThat(grant(grants, "system").path("role").asText()).isEqualTo("viewer");
        assertThat(grant(grants, viewerHere).path("workspace").fieldNames()).toIterable().containsExactly("id", "name");

        JsonNode direct = readJson(auditor(), "/v1/principals/" + principal + "/workspaces?include_everyone=false", token);
        assertThat(workspaceNames(direct)).containsExactly(viewerHere, adminHere);
        assertThat(direct.path("pagination").path("total_results").asInt()).isEqualTo(2);
    }

    @Test
    void theRoleLookupPagesInBothDirectionsOverOwnAndEveryoneBoundWorkspaces() {
        String principal = uniqueName("gail");
        String first = uniqueName("a-own");
        String second = uniqueName("b-bound");
        String third = uniqueName("c-own-and-bound");
        create("alice", first, "");
        create("alice", second, "");
        create("alice", third, "");
        write(command().put("/v1/workspaces/" + first + "/members/" + principal, "{\"role\":\"viewer\"}"));
        write(command().put("/v1/workspaces/" + second + "/members/*", "{\"role\":\"viewer\"}"));
        write(command().put("/v1/workspaces/" + third + "/members/" + principal, "{\"role\":\"admin\"}"));
        long token = write(command().put("/v1/workspaces/" + third + "/members/*", "{\"role\":\"viewer\"}"));
        String lookup = "/v1/principals/" + principal + "/workspaces";

        JsonNode all = readJson(query().as(principal), lookup + "?page_size=1000", token);
        List<String> ascending = workspaceNames(all);
        assertThat(ascending).containsSubsequence(first, second, third).doesNotHaveDuplicates()
                .isSortedAccordingTo(Comparator.naturalOrder());
        int total = all.path("pagination").path("total_results").asInt();
        assertThat(total).isEqualTo(ascending.size());
        List<String> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);

        List<String> pagedDown = new ArrayList<>();
        for (int page = 1; page <= (total + 1) / 2; page++) {
            JsonNode grants = readJson(query().as(principal), lookup + "?sort=-name&page_size=2&page=" + page, token);
            assertThat(grants.path("pagination").path("total_results").asInt()).isEqualTo(total);
            assertThat(grants.path("sort").asText()).isEqualTo("-name");
            pagedDown.addAll(workspaceNames(grants));
        }
        assertThat(pagedDown).containsExactlyElementsOf(descending);
        JsonNode beyond = readJson(query().as(principal), lookup + "?page_size=2&page=" + (total + 3), token);
        assertThat(beyond.path("data")).isEmpty();
        assertThat(beyond.path("pagination").path("total_results").asInt()).isEqualTo(total);
        assertThat(grant(all, third).path("member_role").asText()).isEqualTo("admin");
        assertThat(grant(all, third).path("everyone_role").asText()).isEqualTo("viewer");
    }

    @Test
    void aDirectRoleBelowTheEveryoneBindingIsLiftedToIt() {
        String principal = uniqueName("erin");
        long token = write(command().withRoles("root", "platform-admin")
                .put("/v1/workspaces/default/members/" + principal, "{\"role\":\"viewer\"}"));

        JsonNode grants = readJson(query().as(principal), "/v1/principals/" + principal + "/workspaces", token);

        JsonNode inDefault = grant(grants, "default");
        assertThat(inDefault.path("role").asText()).isEqualTo("editor");
        assertThat(inDefault.path("member_role").asText()).isEqualTo("viewer");
        assertThat(inDefault.path("everyone_role").asText()).isEqualTo("editor");
    }

    @Test
    void deletedWorkspacesLeaveTheRoleLookup() {
        String principal = uniqueName("frank");
        String name = uniqueName("short-lived");
        create(principal, name, "");
        long token = write(command().as(principal).delete("/v1/workspaces/" + name));

        JsonNode grants = readJson(query().as(principal), "/v1/principals/" + principal
                + "/workspaces?include_everyone=false", token);

        assertThat(grants.path("data")).isEmpty();
        assertThat(grants.path("pagination").path("total_results").asInt()).isZero();
    }

    @Test
    void badRoleLookupParametersAnswer422() {
        assertInvalidField(query().get("/v1/principals/has%20space/workspaces").send(), "principal");
        assertInvalidField(query().get("/v1/principals/alice/workspaces?include_everyone=yes").send(),
                "include_everyone");
        assertInvalidField(query().get("/v1/principals/alice/workspaces?sort=role").send(), "sort");
        assertInvalidField(query().get("/v1/principals/alice/workspaces?page_size=1001").send(), "page_size");
    }

    private static JsonNode grant(JsonNode grants, String workspaceName) {
        for (JsonNode grant : grants.path("data")) {
            if (grant.path("workspace").path("name").asText().equals(workspaceName)) {
                return grant;
            }
        }
        throw new AssertionError("no grant in " + workspaceName + ": " + grants);
    }

    private static List<String> workspaceNames(JsonNode grants) {
        List<String> names = new ArrayList<>();
        grants.path("data").forEach(grant -> names.add(grant.path("workspace").path("name").asText()));
        return names;
    }

    private static List<String> principals(JsonNode members) {
        List<String> principals = new ArrayList<>();
        members.path("data").forEach(member -> principals.add(member.path("principal").asText()));
        return principals;
    }
}
