package io.workspaces.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The global audit stream, read from {@code workspace_history} in global position order: pages by cursor
 * (the last position seen), and an NDJSON export streamed through a database cursor in constant memory.
 */
@Repository
class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final String COLUMNS = """
            position, workspace_id, sequence_number, event_id, event_type, revision, occurred_at, actor, request_id,
            correlation_id, causation_id, client_address, payload::text AS payload""";
    private static final int EXPORT_FETCH_SIZE = 1000;
    private static final long PROGRESS_EVERY = 50_000;

    private final NamedParameterJdbcTemplate jdbc;
    /** Fetches rows in batches through a cursor (PostgreSQL needs a transaction for that): the export's reader. */
    private final NamedParameterJdbcTemplate streaming;
    private final ObjectMapper json;
    private final TransactionTemplate readOnly;

    public AuditLog(DataSource dataSource, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(EXPORT_FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(cursor);
        this.json = json;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Up to {@code limit} matching events after position {@code startAfter}, oldest first. */
    public List<AuditEntry> page(AuditFilter filter, long startAfter, int limit) {
        Query query = query(filter, startAfter);
        query.parameters.addValue("limit", limit);
        return jdbc.query("SELECT " + COLUMNS + " FROM workspace_history" + query.where + " ORDER BY position LIMIT :limit",
                query.parameters, this::entry);
    }

    public long count(AuditFilter filter, long startAfter) {
        Query query = query(filter, startAfter);
        Long count = jdbc.queryForObject("SELECT count(*) FROM workspace_history" + query.where, query.parameters,
                Long.class);
        return count == null ? 0 : count;
    }

    /** How many events of one UTC day. */
    public record DayCount(LocalDate day, long events) {
    }

    /** How many matching events each UTC day holds, oldest day first; days without events are left out. */
    public List<DayCount> countPerDay(AuditFilter filter) {
        Query query = query(filter, 0);
        return jdbc.query("SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*) AS events "
                        + "FROM workspace_history" + query.where + " GROUP BY 1 ORDER BY 1", query.parameters,
                (row, n) -> new DayCount(row.getObject("day", LocalDate.class), row.getLong("events")));
    }

    /** Writes every matching event to {@code out} as one JSON object per line; returns how many. */
    public long export(AuditFilter filter, long startAfter, OutputStream out) {
        Query query = query(filter, startAfter);
        return readOnly.execute(status -> {
            try (JsonGenerator generator = json.getFactory().createGenerator(out);
                 SequenceWriter entries = json.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                         .writeValues(generator)) {
                generator.setRootValueSeparator(null);
                long[] lines = {0};
                streaming.query("SELECT " + COLUMNS + " FROM workspace_history" + query.where + " ORDER BY position",
                        query.parameters, row -> {
                            try {
                                entries.write(entry(row, 0));
                                generator.writeRaw('\n');
                                if (++lines[0] % PROGRESS_EVERY == 0) {
                                    generator.flush();
                                    log.info("audit export: {} events written", lines[0]);
                                }
                            } catch (IOException clientGone) {
                                throw new UncheckedIOException(clientGone);
                            }
                        });
                entries.flush();
                return lines[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private record Query(String where, MapSqlParameterSource parameters) {
    }

    private static Query query(AuditFilter filter, long startAfter) {
        StringBuilder where = new StringBuilder(" WHERE position > :start_after");
        MapSqlParameterSource parameters = new MapSqlParameterSource("start_after", startAfter);
        if (filter.workspaceId() != null) {
            where.append(" AND workspace_id = :workspace");
            parameters.addValue("workspace", filter.workspaceId());
        }
        if (filter.actor() != null) {
            where.append(" AND actor = :actor");
            parameters.addValue("actor", filter.actor());
        }
        if (filter.type() != null) {
            where.append(" AND event_type = :type");
            parameters.addValue("type", filter.type());
        }
        if (filter.from() != null) {
            where.append(" AND occurred_at >= :from");
            parameters.addValue("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND occurred_at < :to");
            parameters.addValue("to", Timestamp.from(filter.to()));
        }
        return new Query(where.toString(), parameters);
    }

    private AuditEntry entry(ResultSet row, int n) throws SQLException {
        return new AuditEntry(row.getLong("position"), row.getObject("workspace_id", UUID.class),
                row.getLong("sequence_number"), row.getString("event_id"), row.getString("event_type"),
                row.getString("revision"), row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                row.getString("actor"), row.getString("request_id"), row.getString("correlation_id"),
                row.getString("causation_id"), row.getString("client_address"), parse(row.getString("payload")));
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
