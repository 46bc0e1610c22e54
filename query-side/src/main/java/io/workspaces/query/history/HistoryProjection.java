package io.workspaces.query.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.eventstore.EventStoreConfiguration;
import io.workspaces.events.EventTypes;
import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.projection.EventContext;
import io.workspaces.query.projection.ProjectionBatches;
import io.workspaces.query.projection.ProjectionVersion;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.projection.VersionedSql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.serialization.Revision;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Copies every workspace event, with where it sits in the log and its audit metadata, into
 * {@code workspace_history}. Keyed by global position, so a replayed or retried event is written once.
 * Rows are written with the rest of the processor's batch ({@link ProjectionBatches}).
 *
 * <p>The SQL names the table as reads see it (a view); each version writes its own table ({@link #VERSION}).
 * A change to what this writes is a new version: docs/operations.md, "Changing a projection".
 */
@Component
@ProcessingGroup(Projections.HISTORY)
public class HistoryProjection {

    public static final ProjectionVersion VERSION = new ProjectionVersion(Projections.HISTORY, 1,
            List.of("workspace_history"));

    /** The stored-event mapper: the payload reads exactly as in the event log. */
    private static final ObjectMapper EVENT_JSON = EventStoreConfiguration.eventMapper();

    private final JdbcTemplate jdbc;
    private final ProjectionBatches batches;
    private final VersionedSql sql;

    @Autowired
    public HistoryProjection(JdbcTemplate jdbc, ProjectionBatches batches) {
        this(jdbc, batches, VERSION);
    }

    /** Another version of this projection, writing {@code version}'s table. */
    protected HistoryProjection(JdbcTemplate jdbc, ProjectionBatches batches, ProjectionVersion version) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.sql = new VersionedSql(version);
    }

    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message) throws JsonProcessingException {
        EventContext at = EventContext.of(message);
        Revision revision = event.getClass().getAnnotation(Revision.class);
        batch(at).update("""
                        INSERT INTO workspace_history (position, workspace_id, sequence_number, event_id, event_type,
                            revision, occurred_at, actor, request_id, correlation_id, causation_id, client_address,
                            payload)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                        ON CONFLICT (position) DO NOTHING""",
                at.position(), event.workspaceId(), at.sequenceNumber(), at.eventId(),
                EventTypes.nameOf(event.getClass()).orElseThrow(), revision == null ? null : revision.value(),
                at.occurredAt(), at.actor(), at.requestId(), at.correlationId(), at.causationId(), at.clientAddress(),
                EVENT_JSON.writeValueAsString(event));
    }

    /** Before a replay from the start: the read model is rebuilt from nothing. */
    @ResetHandler
    void reset() {
        jdbc.update(sql.of("TRUNCATE workspace_history"));
    }

    /** This version's statements of the batch being applied, in the SQL of its own table. */
    protected VersionedSql.Statements batch(EventContext at) {
        return sql.batch(batches, at.position());
    }
}
