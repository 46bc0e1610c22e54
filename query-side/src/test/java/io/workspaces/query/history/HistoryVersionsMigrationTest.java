package io.workspaces.query.history;

import io.workspaces.query.support.ScratchMigrationDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation from before the history projection had versions upgrades in place: its rows become version 1's
 * table, read through the view of the old name, with their indexes; its processor's tokens (named {@code history})
 * are untouched, so version 1 goes on from where it was; and {@code projection_version} says version 1 is live.
 */
class HistoryVersionsMigrationTest {

    @Test
    void workspaceHistoryBecomesVersionOneBehindAViewWithItsRowsIndexesAndTokens() {
        try (ScratchMigrationDatabase database = new ScratchMigrationDatabase()) {
            database.migrateTo("5");
            JdbcTemplate jdbc = database.jdbc();
            UUID workspace = UUID.randomUUID();
            jdbc.update("""
                    INSERT INTO workspace_history (position, workspace_id, sequence_number, event_id, event_type,
                        revision, occurred_at, actor, request_id, correlation_id, causation_id, client_address, payload)
                    VALUES (7, ?, 0, 'e-7', 'workspace.created', NULL, now(), 'alice', 'r', 'c', NULL, '127.0.0.1',
                        '{"name":"kept"}'::jsonb)""", workspace);
            jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner) "
                    + "VALUES ('history', 0, 'stored', 'GapAwareTrackingToken', '2026-12-02T00:00:00Z', NULL)");

            database.migrateTo("latest");

            assertThat(jdbc.queryForObject("SELECT relkind::text FROM pg_class WHERE relname = 'workspace_history'",
                    String.class)).as("the plain name is a view").isEqualTo("v");
            assertThat(jdbc.queryForList("SELECT actor FROM workspace_history WHERE workspace_id = ?", String.class,
                    workspace)).as("the rows, through the view").containsExactly("alice");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_history_v1", Long.class)).isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'workspace_history_v1'",
                    String.class)).as("the indexes moved with the table, names kept").containsExactlyInAnyOrder(
                    "workspace_history_pkey", "workspace_history_workspace_sequence_key", "workspace_history_actor",
                    "workspace_history_type", "workspace_history_time", "workspace_history_created_name");
            assertThat(jdbc.queryForList("SELECT token FROM token_entry "
                    + "WHERE processor_name = 'history'", String.class)).as("version 1's tokens, as they were")
                    .containsExactly("stored");
            assertThat(jdbc.queryForList("SELECT projection || ':' || live_version || ':' || "
                    + "coalesce(previous_version::text, '-') FROM projection_version ORDER BY projection", String.class))
                    .containsExactly("history:1:-", "workspaces:1:-");
            // writes through the view still land in version 1's table (tests and operators insert this way)
            jdbc.update("""
                    INSERT INTO workspace_history (position, workspace_id, sequence_number, event_id, event_type,
                        occurred_at, payload)
                    VALUES (8, ?, 1, 'e-8', 'workspace.deleted', now(), '{}'::jsonb)""", workspace);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_history_v1", Long.class)).isEqualTo(2);
        }
    }
}
