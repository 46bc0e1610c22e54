package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.workspaces.cli.CliProcess.cli;
import static org.assertj.core.api.Assertions.assertThat;

/** The workspace commands (in the test JVM, the first create as a process of its own), against both sides running as processes. */
@ExtendWith(CliServices.class)
class CliWorkspacesTest {

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    static void assertExit(CliProcess.Result result, int code) {
        assertThat(result.exit()).as("%s", result).isEqualTo(code);
    }

    /** The one error line of a failed command. */
    static String errorLine(CliProcess.Result result) {
        assertThat(result.errLines()).as("%s", result).isNotEmpty();
        assertThat(result.errLines().get(0)).startsWith("error: ");
        assertThat(result.err()).doesNotContain("Exception", "\tat ");
        return result.errLines().get(0);
    }

    @Test
    void createGetUpdateListReadingTheirOwnWrites() {
        String name = unique("ml");
        CliProcess.Result created = cli().as("alice", "workspace-creator").ownJvm()
                .run("create", "--name", name, "--description", "Models and datasets", "--output", "json");
        assertExit(created, 0);
        JsonNode body = created.json();
        assertThat(body.path("workspace").path("name").asText()).isEqualTo(name);
        assertThat(body.path("workspace").path("version").asLong()).isEqualTo(2);
        assertThat(body.path("created").asBoolean()).isTrue();
        long token = body.path("consistency_token").asLong();
        assertThat(token).isPositive();

        CliProcess.Result got = cli().as("alice").run("get", name, "--after", Long.toString(token), "--output", "json");
        assertExit(got, 0);
        assertThat(got.json().path("description").asText()).isEqualTo("Models and datasets");
        assertThat(got.json().path("member_count").asInt()).isEqualTo(1);

        CliProcess.Result human = cli().as("alice").run("--after", Long.toString(token), "get", name);
        assertExit(human, 0);
        assertThat(human.out()).contains("name         " + name, "description  Models and datasets", "version      2",
                "by alice");
        // timestamps as stored, to the microsecond, not cut to whole seconds
        assertThat(human.out()).contains("created      " + got.json().path("created_at").asText() + " by alice");

        CliProcess.Result updated = cli().as("alice").run("update", name, "--description", "ML team", "--if-match", "2");
        assertExit(updated, 0);
        assertThat(updated.out()).startsWith("updated " + name + " (version 3, consistency token ");

        CliProcess.Result stale = cli().as("alice").run("update", name, "--description", "x", "--if-match", "2");
        assertExit(stale, ExitCodes.CONFLICT);
        assertThat(errorLine(stale)).startsWith("error: Version mismatch: ").endsWith("(412)");
        assertThat(stale.out()).isEmpty();

        CliProcess.Result renamed = cli().as("bob").run("update", name, "--description", "mine");
        assertExit(renamed, ExitCodes.NOT_FOUND);

        CliProcess.Result lastWrite = cli().as("alice").run("update", name, "--description", "ML team, 2", "-o", "json");
        assertExit(lastWrite, 0);
        String after = lastWrite.json().path("consistency_token").asText();
        CliProcess.Result listed = cli().as("alice").run("list", "--name-prefix", name, "--after", after, "--output", "json");
        assertExit(listed, 0);
        assertThat(listed.json().path("data")).hasSize(1);
        assertThat(listed.json().path("data").get(0).path("description").asText()).isEqualTo("ML team, 2");
        assertThat(listed.json().path("pagination").path("total_results").asInt()).isEqualTo(1);

        CliProcess.Result table = cli().as("alice").run("list", "--name-prefix", name, "--sort", "name");
        assertExit(table, 0);
        assertThat(table.out().lines().toList()).hasSize(3);
        assertThat(table.out()).startsWith("NAME").contains(name + "  1").endsWith("1 workspace\n");
    }

    @Test
    void listShowsPagination() {
        String prefix = unique("pg");
        String token = null;
        for (int i = 0; i < 3; i++) {
            token = Long.toString(Fixture.create("carol", prefix + "-" + i, "page test"));
        }
        CliProcess.Result page = cli().as("carol").run("list", "--name-prefix", prefix, "--sort", "name",
                "--page-size", "2", "--page", "2", "--after", token);
        assertExit(page, 0);
        assertThat(page.out()).contains(prefix + "-2").doesNotContain(prefix + "-0")
                .endsWith("page 2 of 2: 1 of 3 workspaces\n");
        CliProcess.Result first = cli().as("carol").run("list", "--name-prefix", prefix, "--page-size", "2");
        assertThat(first.out()).endsWith("page 1 of 2: 2 of 3 workspaces (next: --page 2)\n");
        CliProcess.Result all = cli().as("carol").run("list", "--name-prefix", prefix, "--page-size", "2", "--all",
                "--sort", "name", "-o", "json");
        assertExit(all, 0);
        List<String> names = new ArrayList<>();
        all.json().path("data").forEach(workspace -> names.add(workspace.path("name").asText()));
        assertThat(names).containsExactly(prefix + "-0", prefix + "-1", prefix + "-2");
    }

    @Test
    void createTwiceIsAConflictUnlessExistOk() {
        String name = unique("dup");
        Fixture.create("alice", name, "");
        CliProcess.Result again = cli().as("alice", "workspace-creator").run("create", "--name", name);
        assertExit(again, ExitCodes.CONFLICT);
        assertThat(errorLine(again)).startsWith("error: Name taken: ").endsWith("(409)");
        assertThat(again.errLines()).hasSize(1);

        CliProcess.Result existOk = cli().as("alice", "workspace-creator").run("create", "--name", name, "--exist-ok");
        assertExit(existOk, 0);
        assertThat(existOk.out()).startsWith(name + " exists already (id ");
        CliProcess.Result json = cli().as("alice", "workspace-creator").run("create", "--name", name, "--exist-ok", "-o", "json");
        assertExit(json, 0);
        assertThat(json.json().path("created").asBoolean()).isFalse();
        assertThat(json.json().path("workspace").path("name").asText()).isEqualTo(name);

        // taken by a workspace dave cannot read: still a conflict
        CliProcess.Result hidden = cli().as("dave", "workspace-creator").run("create", "--name", name, "--exist-ok");
        assertExit(hidden, ExitCodes.CONFLICT);
        assertThat(errorLine(hidden)).contains("not a workspace you can read");
    }

    @Test
    void deleteAsksOnATerminalAndRefusesWithoutOne() {
        String name = unique("del");
        Fixture.create("alice", name, "to delete");

        CliProcess.Result registered = cli().as("alice").run("entities", "register", name, "dataset", "d-42");
        assertExit(registered, 0);
        assertThat(registered.out()).startsWith("registered dataset/d-42 in " + name + " (consistency token ");
        CliProcess.Result notEmpty = cli().as("alice").run("delete", name, "--yes");
        assertExit(notEmpty, ExitCodes.CONFLICT);
        assertThat(errorLine(notEmpty)).startsWith("error: Workspace not empty: ").contains("1 dataset").endsWith("(409)");
        CliProcess.Result unregistered = cli().as("alice").run("entities", "unregister", name, "dataset", "d-42", "-o", "json");
        assertExit(unregistered, 0);
        assertThat(unregistered.json().path("unregistered").path("id").asText()).isEqualTo("d-42");

        CliProcess.Result noTerminal = cli().as("alice").run("delete", name);
        assertExit(noTerminal, ExitCodes.INVALID);
        assertThat(errorLine(noTerminal)).contains("stdin is not a terminal; pass --yes");

        CliProcess.Result declined = cli().as("alice").stdinIsTerminal().stdin("n\n").run("delete", name);
        assertExit(declined, ExitCodes.ERROR);
        assertThat(declined.err()).contains("Delete workspace '" + name + "'? This cannot be undone. [y/N]",
                "error: not deleted: not confirmed");

        CliProcess.Result confirmed = cli().as("alice").stdinIsTerminal().stdin("y\n")
                .run("delete", name, "--reason", "project ended", "-o", "json");
        assertExit(confirmed, 0);
        JsonNode result = confirmed.json();
        assertThat(result.path("deleted").asText()).isEqualTo(name);
        String token = result.path("consistency_token").asText();

        CliProcess.Result gone = cli().as("alice").run("get", name, "--after", token);
        assertExit(gone, ExitCodes.NOT_FOUND);
        assertThat(errorLine(gone)).startsWith("error: Workspace not found: ").endsWith("(404)");

        CliProcess.Result history = cli().as("audrey", "auditor").run("history", name, "--after", token, "-o", "json");
        assertExit(history, 0);
        JsonNode last = history.json().path("data").get(history.json().path("data").size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("workspace.deleted");
        assertThat(last.path("data").path("reason").asText()).isEqualTo("project ended");

        CliProcess.Result builtIn = cli().as("root", "platform-admin").run("delete", "default", "--yes");
        assertExit(builtIn, ExitCodes.CONFLICT);
        assertThat(errorLine(builtIn)).startsWith("error: Built-in workspace: ");
    }

    @Test
    void historyFollowsEveryPage() {
        String name = unique("hist");
        Fixture.create("alice", name, "v0");
        String token = null;
        for (int i = 1; i <= 3; i++) {
            token = Long.toString(Fixture.update("alice", name, "v" + i));
        }
        CliProcess.Result all = cli().as("alice").run("history", name, "--all", "--page-size", "2", "--after", token,
                "-o", "json");
        assertExit(all, 0);
        List<String> types = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        all.json().path("data").forEach(event -> {
            types.add(event.path("type").asText());
            positions.add(event.path("position").asLong());
        });
        assertThat(types).containsExactly("workspace.created", "workspace.member-added",
                "workspace.description-updated", "workspace.description-updated", "workspace.description-updated");
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(all.json().path("pagination").path("total_results").asInt()).isEqualTo(5);

        CliProcess.Result human = cli().as("alice").run("history", name, "--page-size", "2", "--page", "3");
        assertExit(human, 0);
        assertThat(human.out()).startsWith("POSITION  SEQ  TIME").contains("workspace.description-updated",
                "alice  \"v2\" -> \"v3\"").endsWith("page 3 of 3: 1 of 5 events\n");

        CliProcess.Result notAdmin = cli().as("bob").run("history", "default");
        assertExit(notAdmin, ExitCodes.FORBIDDEN);
        assertThat(errorLine(notAdmin)).startsWith("error: Forbidden: ").endsWith("(403)");
    }
}
