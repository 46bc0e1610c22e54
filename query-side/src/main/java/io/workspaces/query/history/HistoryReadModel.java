package io.workspaces.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reads of {@code workspace_history}, oldest first, through its (workspace_id, sequence_number) index. */
@Repository
class HistoryReadModel {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public HistoryReadModel(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Page<HistoryEntry> history(UUID workspaceId, PageRequest page) {
        List<HistoryEntry> entries = jdbc.query("""
                        SELECT position, sequence_number, event_id, event_type, revision, occurred_at, actor, request_id,
                               correlation_id, causation_id, client_address, payload::text
                        FROM workspace_history WHERE workspace_id = ?
                        ORDER BY sequence_number LIMIT ? OFFSET ?""",
                (rs, n) -> new HistoryEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), parse(rs.getString(12))),
                workspaceId, page.pageSize(), page.offset());
        Long total = jdbc.queryForObject("SELECT count(*) FROM workspace_history WHERE workspace_id = ?", Long.class,
                workspaceId);
        return page.page(entries, total == null ? 0 : total);
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
