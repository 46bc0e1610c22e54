package io.workspaces.command.workspace;

import io.workspaces.command.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInWorkspacesTest extends ApiTestBase {

    @Autowired
    BuiltInWorkspaces builtIns;

    @Test
    void defaultAndSystemExistWithTheirEveryoneBindingsCreatedByTheSystemActor() {
        assertBuiltIn(BuiltInWorkspaces.DEFAULT, "editor");
        assertBuiltIn(BuiltInWorkspaces.SYSTEM, "viewer");
    }

    @Test
    void creatingThemAgainIsANoOp() {
        long before = eventCount();
        builtIns.run(new DefaultApplicationArguments());
        builtIns.run(new DefaultApplicationArguments());
        assertThat(eventCount()).isEqualTo(before);
    }

    private void assertBuiltIn(BuiltInWorkspaces.BuiltIn builtIn, String everyoneRole) {
        String id = builtIn.id().toString();
        assertThat(jdbc.queryForObject("SELECT workspace_id::text FROM workspace_name_claim WHERE name = ?",
                String.class, builtIn.name())).isEqualTo(id);
        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT payload_type, payload::jsonb->>'principal' AS principal, payload::jsonb->>'role' AS role,
                       payload::jsonb->>'built_in' AS built_in, meta_data::jsonb->>'actor' AS actor
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", id);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).containsEntry("payload_type", "workspace.created").containsEntry("built_in", "true");
        assertThat(events.get(2)).containsEntry("principal", "*").containsEntry("role", everyoneRole);
        assertThat(events).extracting(e -> e.get("actor")).containsOnly("system:workspaces");
    }
}
