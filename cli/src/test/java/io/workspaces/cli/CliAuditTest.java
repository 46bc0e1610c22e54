package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.workspaces.cli.CliProcess.JSON;
import static io.workspaces.cli.CliProcess.cli;
import static io.workspaces.cli.CliWorkspacesTest.assertExit;
import static io.workspaces.cli.CliWorkspacesTest.errorLine;
import static io.workspaces.cli.CliWorkspacesTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** audit export and audit verify, against both sides running as processes. */
@ExtendWith(CliServices.class)
class CliAuditTest {

    @Test
    void exportStreamsNdjsonWithProgressOnStderr() throws IOException {
        String name = unique("audit");
        Fixture.create("alice", name, "a");
        String token = Long.toString(Fixture.addMember("alice", name, "bob", "viewer"));

        CliProcess.Result one = cli().as("audrey", "auditor").run("audit", "export", "--workspace", name, "--after", token);
        assertExit(one, 0);
        List<String> lines = one.out().lines().toList();
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("data").path("workspace_id").asText()).isNotEmpty();
        }
        assertThat(JSON.readTree(lines.get(2)).path("type").asText()).isEqualTo("workspace.member-added");
        assertThat(one.err()).as("no progress when stderr is not a terminal and the export is short").isEmpty();

        CliProcess.Result everything = cli().as("audrey", "auditor").run("audit", "export", "--progress", "--after", token);
        assertExit(everything, 0);
        long events = everything.out().lines().count();
        long stored = Long.parseLong(CliServices.get().queryString(
                "SELECT count(*) FROM domain_event_entry WHERE global_index <= " + token));
        assertThat(events).isGreaterThanOrEqualTo(stored);
        // "N of M events": M was counted when the export began; other tests may have written since
        assertThat(everything.err()).containsPattern("\\[#+\\.*]  \\d+ of \\d+ events  \\d+%  \\d+ events/s\\n$");

        CliProcess.Result filtered = cli().as("audrey", "auditor").run("audit", "export", "--actor", "alice",
                "--type", "workspace.member-added", "--workspace", name, "--no-progress");
        assertExit(filtered, 0);
        List<JsonNode> memberAdded = new ArrayList<>();
        for (String line : filtered.out().lines().toList()) {
            memberAdded.add(JSON.readTree(line));
        }
        assertThat(memberAdded).hasSize(2).allMatch(event -> event.path("actor").asText().equals("alice"))
                .extracting(event -> event.path("data").path("principal").asText()).containsExactly("alice", "bob");

        CliProcess.Result notAnAuditor = cli().as("alice").run("audit", "export");
        assertExit(notAnAuditor, ExitCodes.FORBIDDEN);
        assertThat(errorLine(notAnAuditor)).startsWith("error: Forbidden: ").endsWith("(403)");
        assertThat(notAnAuditor.out()).isEmpty();

        CliProcess.Result badFilter = cli().as("audrey", "auditor").run("audit", "export", "--from", "yesterday");
        assertExit(badFilter, ExitCodes.INVALID);
        assertThat(errorLine(badFilter)).contains("from").endsWith("(422)");
    }

    @Test
    @ResourceLock("audit_chain")
    void verifyReportsATamperedChain() {
        CliProcess.Result ok = cli().as("audrey", "auditor").run("audit", "verify");
        assertExit(ok, 0);
        assertThat(ok.out()).startsWith("ok: ").contains("events checked; head position ");

        CliServices services = CliServices.get();
        String original = services.queryString("SELECT event_hash FROM audit_chain ORDER BY chain_seq LIMIT 1");
        services.update("UPDATE audit_chain SET event_hash = repeat('0', 64) WHERE chain_seq = "
                + "(SELECT min(chain_seq) FROM audit_chain)");
        try {
            CliProcess.Result broken = cli().as("audrey", "auditor").run("audit", "verify");
            assertExit(broken, ExitCodes.CHAIN_BROKEN);
            assertThat(broken.out()).startsWith("broken at position ");
            CliProcess.Result json = cli().as("root", "platform-admin").run("audit", "verify", "-o", "json");
            assertExit(json, ExitCodes.CHAIN_BROKEN);
            assertThat(json.json().path("status").asText()).isEqualTo("broken");
            assertThat(json.json().path("first_break").path("position").asLong()).isPositive();
        } finally {
            services.update("UPDATE audit_chain SET event_hash = '" + original + "' WHERE chain_seq = "
                    + "(SELECT min(chain_seq) FROM audit_chain)");
        }
        CliProcess.Result restored = cli().as("audrey", "auditor").run("audit", "verify", "-o", "json");
        assertExit(restored, 0);
        assertThat(restored.json().path("status").asText()).isEqualTo("ok");

        CliProcess.Result notAnAuditor = cli().as("alice").run("audit", "verify");
        assertExit(notAnAuditor, ExitCodes.FORBIDDEN);
    }
}
