package io.workspaces.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the event log up to a number of events for the replay measurement, directly with SQL: valid event
 * rows (a creation, its admin, then description changes), as the command side would have stored them.
 */
final class Seeder {

    private static final int EVENTS_PER_WORKSPACE = 10;

    private Seeder() {
    }

    /** Adds events until the log holds at least {@code total}; returns the number of events in the log. */
    static long fillUpTo(Connection connection, long total) throws SQLException {
        long present = count(connection);
        long workspaces = Math.max(0, (total - present + EVENTS_PER_WORKSPACE - 1) / EVENTS_PER_WORKSPACE);
        if (workspaces > 0) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    SELECT w.id::text, s.seq, 'Workspace', gen_random_uuid()::text,
                      '{"actor":"bench-seed","request_id":"bench-seed","correlation_id":"bench-seed"}',
                      CASE WHEN s.seq = 0 THEN json_build_object('workspace_id', w.id, 'name', 'seed-' || w.id,
                                                                 'description', '', 'built_in', false)::text
                           WHEN s.seq = 1 THEN json_build_object('workspace_id', w.id, 'principal', 'bench-seed',
                                                                 'role', 'admin')::text
                           ELSE json_build_object('workspace_id', w.id, 'old_description', 'd' || (s.seq - 1),
                                                  'new_description', 'd' || s.seq)::text END,
                      '1',
                      CASE WHEN s.seq = 0 THEN 'workspace.created' WHEN s.seq = 1 THEN 'workspace.member-added'
                           ELSE 'workspace.description-updated' END,
                      to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                    FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, ?)) w
                    CROSS JOIN generate_series(0, ?) AS s(seq)
                    ORDER BY w.id, s.seq""")) {
                insert.setLong(1, workspaces);
                insert.setInt(2, EVENTS_PER_WORKSPACE - 1);
                insert.executeUpdate();
            }
        }
        return count(connection);
    }

    /**
     * Fills an empty log with exactly {@code total} events: whole workspaces, then the last one's surplus description
     * changes dropped (its sequence stays gapless). Refuses a log that holds events already.
     */
    static long fillExactly(Connection connection, long total) throws SQLException {
        if (count(connection) > 0) {
            throw new IllegalStateException("the event log is not empty");
        }
        fillUpTo(connection, total);
        try (PreparedStatement surplus = connection.prepareStatement("""
                DELETE FROM domain_event_entry
                WHERE global_index > (SELECT min(global_index) - 1 + ? FROM domain_event_entry)""")) {
            surplus.setLong(1, total);
            surplus.executeUpdate();
        }
        return count(connection);
    }

    static long head(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
