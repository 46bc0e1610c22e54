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
