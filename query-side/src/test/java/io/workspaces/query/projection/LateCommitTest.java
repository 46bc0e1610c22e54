package io.workspaces.query.projection;

import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two writers commit out of order: an event takes a position, another event takes the next one and commits
 * first, then the first commits. Every projection records each event under its own position; none is lost.
 */
class LateCommitTest extends QueryTestBase {

    @Autowired
    ProjectionProgress progress;

    @Test
    void anEventThatCommitsAfterALaterOneIsProjectedUnderItsOwnPosition() throws Exception {
        UUID lateWorkspace = UUID.randomUUID();
        try (Connection late = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)) {
            late.setAutoCommit(false);
            long latePosition = insertCreation(late, lateWorkspace, uniqueName("late"));

            long earlyPosition = create("alice", uniqueName("early"), "").consistencyToken();
            assertThat(earlyPosition).isGreaterThan(latePosition);
            await().atMost(Duration.ofSeconds(30)).until(() -> Projections.ALL.stream()
                    .allMatch(projection -> progress.hasPassed(projection, earlyPosition)));

            late.commit();
            await().atMost(Duration.ofSeconds(30)).until(() -> Projections.ALL.stream()
                    .allMatch(projection -> progress.hasPassed(projection, latePosition)));

            assertThat(jdbc.queryForObject("SELECT workspace_id FROM workspace_history WHERE position = ?", UUID.class,
                    latePosition)).isEqualTo(lateWorkspace);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_history WHERE position = ?", Long.class,
                    earlyPosition)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT last_position FROM workspace_view WHERE id = ?", Long.class,
                    lateWorkspace)).isEqualTo(latePosition);
        }
    }

    private static long insertCreation(Connection connection, UUID workspace, String name) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, 0, 'Workspace', ?, '{"actor":"late-writer"}', ?, '1', 'workspace.created', ?)
                RETURNING global_index""")) {
            insert.setString(1, workspace.toString());
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, "{\"workspace_id\":\"" + workspace + "\",\"name\":\"" + name
                    + "\",\"description\":\"\",\"built_in\":false}");
            insert.setString(4, Instant.now().toString());
            try (ResultSet position = insert.executeQuery()) {
                position.next();
                return position.getLong(1);
            }
        }
    }
}
