package io.workspaces.query.asof;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.eventstore.EventStoreConfiguration;
import io.workspaces.common.security.Caller;
import io.workspaces.common.web.InvalidRequestException;
import io.workspaces.events.EventTypes;
import io.workspaces.events.WorkspaceEvent;
import io.workspaces.events.WorkspaceName;
import io.workspaces.query.access.ReadAccess;
import io.workspaces.query.access.WorkspaceNotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Workspaces as they were at an instant (docs/compliance.md), rebuilt by folding their history up to that instant, also for
 * workspaces deleted since. By name, the workspace that had the name at that instant.
 */
@Component
public class AsOfReads {

    public static final String PARAMETER = "as_of";
    private static final ObjectMapper EVENT_JSON = EventStoreConfiguration.eventMapper();

    private final JdbcTemplate jdbc;
    private final ReadAccess access;

    public AsOfReads(JdbcTemplate jdbc, ReadAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /**
     * The workspace {@code ref} as it was at {@code asOf}, for a caller who may read it now (auditors and
     * platform admins may read any, deleted ones included); 404 when it was not live then.
     */
    public WorkspaceSnapshot snapshot(String ref, Instant asOf, Caller caller) {
        UUID id = idAt(ref, asOf).orElseThrow(() -> new WorkspaceNotFoundException(ref));
        access.requireReadable(id, ref, caller);
        return at(id, asOf).orElseThrow(() -> new WorkspaceNotFoundException(ref));
    }

    /** The {@value #PARAMETER} parameter: an RFC 3339 date-time with an offset, e.g. 2026-01-31T12:00:00Z. */
    public static Instant parse(String asOf) {
        return parse(asOf, PARAMETER);
    }

    /**
     * An RFC 3339 date-time with an offset given in {@code field}, in the years 0001 to 9999 (UTC) as RFC 3339
     * allows; 422 otherwise. Java reads far wider years, which the database cannot hold.
     */
    public static Instant parse(String value, String field) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(field, "must be an RFC 3339 date-time with an offset, "
                    + "e.g. 2026-01-31T12:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw InvalidRequestException.of(field, "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return instant;
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** The id of the workspace {@code ref} named at {@code asOf}: a UUID as it is, a name resolved in history. */
    public Optional<UUID> idAt(String ref, Instant asOf) {
        if (WorkspaceName.looksLikeUuid(ref)) {
            return Optional.of(UUID.fromString(ref.toLowerCase(Locale.ROOT)));
        }
        if (WorkspaceName.problemWith(ref) != null) {
            return Optional.empty();
        }
        return jdbc.queryForList("""
                        SELECT c.workspace_id FROM workspace_history c
                        WHERE c.event_type = 'workspace.created' AND c.payload->>'name' = ? AND c.occurred_at <= ?
                          AND NOT EXISTS (SELECT 1 FROM workspace_history d WHERE d.workspace_id = c.workspace_id
                                          AND d.event_type = 'workspace.deleted' AND d.occurred_at <= ?)
                        ORDER BY c.occurred_at DESC LIMIT 1""",
                UUID.class, ref, Timestamp.from(asOf), Timestamp.from(asOf)).stream().findFirst();
    }

    /** The workspace after all its events up to and including {@code asOf}; empty if not live then. */
    public Optional<WorkspaceSnapshot> at(UUID workspaceId, Instant asOf) {
        WorkspaceSnapshot[] state = {WorkspaceSnapshot.NONE};
        jdbc.query("""
                        SELECT event_type, occurred_at, actor, payload::text FROM workspace_history
                        WHERE workspace_id = ? AND occurred_at <= ? ORDER BY sequence_number""",
                row -> {
                    state[0] = state[0].evolve(event(row.getString(1), row.getString(4)),
                            row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3));
                },
                workspaceId, Timestamp.from(asOf));
        return state[0].exists() ? Optional.of(state[0]) : Optional.empty();
    }

    private static WorkspaceEvent event(String type, String payload) {
        Class<? extends WorkspaceEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new IllegalStateException("unknown event type in history: " + type));
        try {
            return EVENT_JSON.readValue(payload, eventClass);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
