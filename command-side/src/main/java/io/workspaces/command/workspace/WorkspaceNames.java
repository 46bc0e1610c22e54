package io.workspaces.command.workspace;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The names of live workspaces ({@code workspace_name_claim}): claimed on create, released on delete. */
@Repository
class WorkspaceNames {

    private final JdbcTemplate jdbc;

    public WorkspaceNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code name} for {@code workspaceId} in the current transaction. A concurrent claim of the same
     * name waits for this transaction and then fails, so exactly one of two racing creates wins.
     */
    public boolean claim(String name, UUID workspaceId) {
        return jdbc.update("INSERT INTO workspace_name_claim (name, workspace_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                name, workspaceId) == 1;
    }

    public void release(UUID workspaceId) {
        jdbc.update("DELETE FROM workspace_name_claim WHERE workspace_id = ?", workspaceId);
    }

    public Optional<UUID> idOf(String name) {
        List<UUID> ids = jdbc.queryForList("SELECT workspace_id FROM workspace_name_claim WHERE name = ?", UUID.class, name);
        return ids.stream().findFirst();
    }
}
