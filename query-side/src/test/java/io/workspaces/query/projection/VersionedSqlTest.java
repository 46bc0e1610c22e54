package io.workspaces.query.projection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A version's SQL runs on its own tables: whole table names are rewritten, nothing else. */
class VersionedSqlTest {

    private final VersionedSql version2 = new VersionedSql(new ProjectionVersion("workspaces", 2,
            List.of("workspace_view", "membership", "workspace_entity")));

    @Test
    void tableNamesGetTheVersionsSuffix() {
        assertThat(version2.of("DELETE FROM membership WHERE workspace_id = ? AND "
                + "EXISTS (SELECT 1 FROM workspace_view WHERE id = ? AND version = ?)"))
                .isEqualTo("DELETE FROM membership_v2 WHERE workspace_id = ? AND "
                        + "EXISTS (SELECT 1 FROM workspace_view_v2 WHERE id = ? AND version = ?)");
        assertThat(version2.of("TRUNCATE workspace_view, membership, workspace_entity"))
                .isEqualTo("TRUNCATE workspace_view_v2, membership_v2, workspace_entity_v2");
    }

    @Test
    void theHistorysStatementsGoToItsVersionsTableAndItsIndexNamesAreLeftAlone() {
        VersionedSql history2 = new VersionedSql(new ProjectionVersion("history", 2, List.of("workspace_history")));
        assertThat(history2.of("INSERT INTO workspace_history (position, workspace_id) VALUES (?, ?) "
                + "ON CONFLICT (position) DO NOTHING"))
                .isEqualTo("INSERT INTO workspace_history_v2 (position, workspace_id) VALUES (?, ?) "
                        + "ON CONFLICT (position) DO NOTHING");
        assertThat(history2.of("TRUNCATE workspace_history")).isEqualTo("TRUNCATE workspace_history_v2");
        assertThat(history2.of("SELECT 1 FROM pg_indexes WHERE indexname = 'workspace_history_actor'"))
                .isEqualTo("SELECT 1 FROM pg_indexes WHERE indexname = 'workspace_history_actor'");
        assertThat(history2.version().processor()).isEqualTo("history-v2");
    }

    @Test
    void namesThatOnlyContainATableNameAreLeftAlone() {
        assertThat(version2.of("UPDATE workspace_view SET member_count = member_count + 1, membership_note = ?"))
                .isEqualTo("UPDATE workspace_view_v2 SET member_count = member_count + 1, membership_note = ?");
    }

    @Test
    void versionOneKeepsItsProcessorNameAndLaterOnesCarryTheirNumber() {
        assertThat(new ProjectionVersion("workspaces", 1, List.of("workspace_view")).processor()).isEqualTo("workspaces");
        assertThat(version2.version().processor()).isEqualTo("workspaces-v2");
        assertThat(version2.version().table("membership")).isEqualTo("membership_v2");
    }
}
