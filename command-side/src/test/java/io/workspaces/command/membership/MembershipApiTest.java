package io.workspaces.command.membership;

import io.workspaces.common.testing.Api;
import io.workspaces.command.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** PUT and DELETE of /v1/workspaces/{ref}/members/{principal} over real HTTP on real PostgreSQL. */
class MembershipApiTest extends ApiTestBase {

    private String members(String workspace) {
        return "/v1/workspaces/" + workspace + "/members/";
    }

    @Test
    void putAddsANewMemberWith201AndChangesAnExistingOnesRoleWith200() {
        String ws = uniqueName("team");
        String id = createWorkspace("alice", ws).path("id").asText();

        Api.Response added = api().as("alice").put(members(ws) + "bob", "{\"role\":\"viewer\"}").send();
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().path("principal").asText()).isEqualTo("bob");
        assertThat(added.json().path("role").asText()).isEqualTo("viewer");
        assertThat(added.json().path("workspace_id").asText()).isEqualTo(id);
        assertThat(added.header("ETag")).isEqualTo("\"3\"");

        Api.Response changed = api().as("alice").put(members(ws) + "bob", "{\"role\":\"editor\"}").send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("role").asText()).isEqualTo("editor");
        assertThat(changed.header("ETag")).isEqualTo("\"4\"");
        assertThat(changed.consistencyToken()).isGreaterThan(added.consistencyToken());

        Api.Response unchanged = api().as("alice").put(members(ws) + "bob", "{\"role\":\"editor\"}").send();
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(eventCount(id)).isEqualTo(4);
    }

    @Test
    void principalsWithUnusualButValidCharactersAndTheEveryoneBindingWork() {
        String ws = uniqueName("odd");
        createWorkspace("alice", ws);
        assertThat(api().as("alice").put(members(ws) + "auth0%7C1234", "{\"role\":\"viewer\"}").send().status())
                .isEqualTo(201);
        assertThat(api().as("alice").put(members(ws) + "*", "{\"role\":\"viewer\"}").send().status()).isEqualTo(201);
        assertThat(jdbc.queryForList("SELECT payload::jsonb->>'principal' FROM domain_event_entry "
                + "WHERE payload_type = 'workspace.member-added' AND payload::jsonb->>'principal' IN ('auth0|1234', '*')",
                String.class)).contains("auth0|1234", "*");
    }

    @Test
    void theServicesReservedPrincipalsCannotBeMadeOrRemovedAsMembers() {
        String ws = uniqueName("reserved");
        String id = createWorkspace("alice", ws).path("id").asText();
        long before = eventCount(id);
        for (String reserved : new String[]{"system:workspaces", "system:anything", "SYSTEM:workspaces", "System:x"}) {
            assertThat(assertInvalidField(api().as("alice").put(members(ws) + reserved, "{\"role\":\"admin\"}").send(),
                    "principal").path("detail").asText()).contains("reserved");
            assertInvalidField(api().as("alice").delete(members(ws) + reserved).send(), "principal");
        }
        // as the built-in workspaces' own admin, from a platform admin too
        assertInvalidField(api().withRoles("root", "platform-admin").delete(members("default") + "system:workspaces")
                .send(), "principal");
        assertInvalidField(api().withRoles("root", "platform-admin").put(members("system") + "system:workspaces",
                "{\"role\":\"viewer\"}").send(), "principal");
        assertThat(eventCount(id)).isEqualTo(before);
        // a principal that merely contains the word is an ordinary one
        assertThat(api().as("alice").put(members(ws) + "ops:system:1", "{\"role\":\"viewer\"}").send().status())
                .isEqualTo(201);
    }

    @Test
    void putOnAnUnknownWorkspaceAnswers404() {
        assertProblem(api().as("alice").put(members(uniqueName("nowhere")) + "bob", "{\"role\":\"viewer\"}").send(),
                404, "workspace-not-found");
    }

    @Test
    void putWithABadOrMissingRoleAnswers422AndStoresNothing() {
        String ws = uniqueName("roles");
        String id = createWorkspace("alice", ws).path("id").asText();
        assertInvalidField(api().as("alice").put(members(ws) + "bob", "{\"role\":\"owner\"}").send(), "role");
        assertInvalidField(api().as("alice").put(members(ws) + "bob", "{\"role\":\"Admin\"}").send(), "role");
        assertInvalidField(api().as("alice").put(members(ws) + "bob", "{}").send(), "role");
        assertInvalidField(api().as("alice").put(members(ws) + "bob", "{\"role\":1}").send(), "role");
        assertInvalidField(api().as("alice").put(members(ws) + "bob", "{\"role\":\"viewer\",\"x\":1}").send(), "x");
        assertThat(eventCount(id)).isEqualTo(2);
    }

    @Test
    void putWithAnInvalidPrincipalAnswers422() {
        String ws = uniqueName("badp");
        createWorkspace("alice", ws);
        assertInvalidField(api().as("alice").put(members(ws) + "b%C3%B6b", "{\"role\":\"viewer\"}").send(), "principal");
        assertInvalidField(api().as("alice").put(members(ws) + "a%20b", "{\"role\":\"viewer\"}").send(), "principal");
    }

    @Test
    void demotingTheLastAdminAnswers409ButDemotingOneOfTwoWorks() {
        String ws = uniqueName("admins");
        createWorkspace("alice", ws);
        assertProblem(api().as("alice").put(members(ws) + "alice", "{\"role\":\"editor\"}").send(), 409, "last-admin");

        api().as("alice").put(members(ws) + "bob", "{\"role\":\"admin\"}").send();
        assertThat(api().as("alice").put(members(ws) + "alice", "{\"role\":\"editor\"}").send().status()).isEqualTo(200);
        assertProblem(api().as("bob").put(members(ws) + "bob", "{\"role\":\"viewer\"}").send(), 409, "last-admin");
    }

    @Test
    void deleteRemovesAMemberWith204() {
        String ws = uniqueName("leave");
        String id = createWorkspace("alice", ws).path("id").asText();
        api().as("alice").put(members(ws) + "bob", "{\"role\":\"editor\"}").send();

        Api.Response removed = api().as("alice").delete(members(ws) + "bob").send();

        assertThat(removed.status()).isEqualTo(204);
        assertThat(removed.header("ETag")).isEqualTo("\"4\"");
        assertThat(jdbc.queryForObject("SELECT payload::jsonb->>'role' FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type = 'workspace.member-removed'", String.class, id))
                .isEqualTo("editor");
        assertProblem(api().as("alice").delete(members(ws) + "bob").send(), 404, "not-a-member");
    }

    @Test
    void deleteOfTheLastAdminAnswers409() {
        String ws = uniqueName("stay");
        createWorkspace("alice", ws);
        assertProblem(api().as("alice").delete(members(ws) + "alice").send(), 409, "last-admin");
    }

    @Test
    void deleteOnAnUnknownWorkspaceAnswers404() {
        assertProblem(api().as("alice").delete(members(uniqueName("void")) + "bob").send(), 404, "workspace-not-found");
    }

    @Test
    void membershipWritesHonourIfMatch() {
        String ws = uniqueName("guarded");
        createWorkspace("alice", ws);
        assertProblem(api().as("alice").put(members(ws) + "bob", "{\"role\":\"viewer\"}").header("If-Match", "\"7\"").send(),
                412, "version-mismatch");
        assertThat(api().as("alice").put(members(ws) + "bob", "{\"role\":\"viewer\"}").header("If-Match", "\"2\"").send()
                .status()).isEqualTo(201);
        assertProblem(api().as("alice").put(members(ws) + "bob", "{\"role\":\"editor\"}").header("If-Match", "\"2\"").send(),
                412, "version-mismatch");
        assertProblem(api().as("alice").delete(members(ws) + "bob").header("If-Match", "\"2\"").send(),
                412, "version-mismatch");
        assertThat(api().as("alice").delete(members(ws) + "bob").header("If-Match", "\"3\"").send().status())
                .isEqualTo(204);
    }
}
