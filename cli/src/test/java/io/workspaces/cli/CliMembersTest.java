package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.workspaces.cli.CliProcess.cli;
import static io.workspaces.cli.CliWorkspacesTest.assertExit;
import static io.workspaces.cli.CliWorkspacesTest.errorLine;
import static io.workspaces.cli.CliWorkspacesTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** members and roles, against both sides running as processes. */
@ExtendWith(CliServices.class)
class CliMembersTest {

    @Test
    void addSetRoleListRemove() {
        String name = unique("team");
        Fixture.create("alice", name, "");

        CliProcess.Result added = cli().as("alice").run("members", "add", name, "bob", "--role", "editor");
        assertExit(added, 0);
        assertThat(added.out()).startsWith("added bob to " + name + " as editor (consistency token ");

        CliProcess.Result notAdmin = cli().as("bob").run("members", "add", name, "carol", "--role", "viewer");
        assertExit(notAdmin, ExitCodes.FORBIDDEN);
        assertThat(errorLine(notAdmin)).startsWith("error: Forbidden: ").endsWith("(403)");

        CliProcess.Result badRole = cli().as("alice").run("members", "add", name, "carol", "--role", "owner");
        assertExit(badRole, ExitCodes.INVALID);
        assertThat(errorLine(badRole)).startsWith("error: Invalid request: role ").endsWith("(422)");

        // --list reads the members right after the write, in the same invocation: it sends the write's token
        CliProcess.Result promoted = cli().as("alice").run("members", "set-role", name, "bob", "--role", "admin",
                "--list", "-o", "json");
        assertExit(promoted, 0);
        JsonNode result = promoted.json();
        assertThat(result.path("added").asBoolean()).isFalse();
        assertThat(result.path("membership").path("role").asText()).isEqualTo("admin");
        assertThat(result.path("members").path("data").toString()).contains("{\"principal\":\"bob\",\"role\":\"admin\"");
        String token = result.path("consistency_token").asText();

        CliProcess.Result listed = cli().as("alice").run("members", "list", name, "--after", token, "-o", "json");
        assertExit(listed, 0);
        Map<String, String> roles = new LinkedHashMap<>();
        listed.json().path("data").forEach(member -> roles.put(member.path("principal").asText(), member.path("role").asText()));
        assertThat(roles).containsExactly(Map.entry("alice", "admin"), Map.entry("bob", "admin"));

        CliProcess.Result table = cli().as("alice").run("members", "list", name, "--role", "admin");
        assertExit(table, 0);
        assertThat(table.out()).startsWith("PRINCIPAL  ROLE   GRANTED").contains("bob        admin").endsWith("2 members\n");

        CliProcess.Result removed = cli().as("bob").run("members", "remove", name, "alice", "--list");
        assertExit(removed, 0);
        assertThat(removed.out().lines().toList()).hasSize(3).first().asString().startsWith("removed alice from " + name);
        assertThat(removed.out().lines().skip(1).toList()).satisfiesExactly(
                header -> assertThat(header).startsWith("PRINCIPAL"), only -> assertThat(only).startsWith("bob "));

        CliProcess.Result lastAdmin = cli().as("bob").run("members", "set-role", name, "bob", "--role", "viewer");
        assertExit(lastAdmin, ExitCodes.CONFLICT);
        assertThat(errorLine(lastAdmin)).startsWith("error: Last admin: ").endsWith("(409)");

        CliProcess.Result notAMember = cli().as("bob").run("members", "remove", name, "zoe");
        assertExit(notAMember, ExitCodes.NOT_FOUND);
        assertThat(errorLine(notAMember)).startsWith("error: Not a member: ");
    }

    @Test
    void rolesOfAPrincipal() {
        String name = unique("roles");
        Fixture.create("erin", name, "");
        CliProcess.Result added = cli().as("erin").run("members", "add", name, "frank", "--role", "viewer", "-o", "json");
        assertExit(added, 0);
        assertThat(added.json().path("added").asBoolean()).isTrue();
        String token = added.json().path("consistency_token").asText();

        CliProcess.Result own = cli().as("frank").run("roles", "frank", "--after", token, "-o", "json");
        assertExit(own, 0);
        Map<String, String> grants = new LinkedHashMap<>();
        own.json().path("data").forEach(grant -> grants.put(grant.path("workspace").path("name").asText(),
                grant.path("role").asText()));
        assertThat(grants).containsEntry(name, "viewer").containsEntry("default", "editor");

        CliProcess.Result direct = cli().as("frank").run("roles", "frank", "--no-everyone");
        assertExit(direct, 0);
        assertThat(direct.out()).startsWith("WORKSPACE").contains(name).doesNotContain("default").endsWith("1 workspace\n");

        CliProcess.Result someoneElse = cli().as("frank").run("roles", "erin");
        assertExit(someoneElse, ExitCodes.FORBIDDEN);
        assertThat(errorLine(someoneElse)).endsWith("(403)");

        CliProcess.Result auditor = cli().as("audrey", "auditor").run("roles", "erin", "-o", "json");
        assertExit(auditor, 0);
        assertThat(auditor.json().path("data").toString()).contains(name);
    }
}
