package io.workspaces.command.workspace;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * The consistency token of a write (docs/api.md): the global position of the newest event of the workspace. A query
 * side that has passed this position has seen the write. A write that appended events takes it from its own
 * append ({@link io.workspaces.common.eventstore.AppendedPositions}); this query, through the (aggregate,
 * sequence) unique index, serves the answers that appended nothing: a no-op, or a replayed create.
 */
@Component
class ConsistencyTokens {

    private final JdbcTemplate jdbc;

    public ConsistencyTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long latestFor(UUID workspaceId) {
        List<Long> positions = jdbc.queryForList("""
                SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""", Long.class, workspaceId.toString());
        return positions.isEmpty() ? 0 : positions.get(0);
    }
}
