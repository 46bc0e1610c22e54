package io.workspaces.query.workspace;

import io.workspaces.events.EntityRegistered;
import io.workspaces.events.EntityUnregistered;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.MemberRemoved;
import io.workspaces.events.MemberRoleChanged;
import io.workspaces.events.WorkspaceCreated;
import io.workspaces.events.WorkspaceDeleted;
import io.workspaces.events.WorkspaceDescriptionUpdated;
import io.workspaces.query.projection.EventContext;
import io.workspaces.query.projection.ProjectionBatches;
import io.workspaces.query.projection.ProjectionVersion;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.projection.VersionedSql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Folds the workspace stream into {@code workspace_view}, {@code membership} and {@code workspace_entity}.
 *
 * <p>Every event advances the workspace's {@code version} from the event's sequence number to the next one,
 * and changes anything else only if the workspace is at that sequence number: the other statements of an
 * event carry that condition and run before the advance. An event that was already applied (a replay over
 * live rows, a batch retried after a crash) changes nothing, so handlers are idempotent. The statements are
 * written with the rest of the processor's batch ({@link ProjectionBatches}).
 *
 * <p>The SQL names the tables as reads see them (views); each version writes its own tables ({@link #VERSION}).
 * A change to what this writes is a new version: docs/operations.md, "Changing a projection".
 */
@Component
@ProcessingGroup(Projections.WORKSPACES)
public class WorkspaceProjection {

    public static final ProjectionVersion VERSION = new ProjectionVersion(Projections.WORKSPACES, 1,
            List.of("workspace_view", "membership", "workspace_entity"));

    /** The workspace is at the version before the event: the event has not been applied yet. */
    private static final String UNAPPLIED = "EXISTS (SELECT 1 FROM workspace_view WHERE id = ? AND version = ?)";

    private final JdbcTemplate jdbc;
    private final ProjectionBatches batches;
    private final VersionedSql sql;

    @Autowired
    public WorkspaceProjection(JdbcTemplate jdbc, ProjectionBatches batches) {
        this(jdbc, batches, VERSION);
    }

    /** Another version of this projection, writing {@code version}'s tables. */
    protected WorkspaceProjection(JdbcTemplate jdbc, ProjectionBatches batches, ProjectionVersion version) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.sql = new VersionedSql(version);
    }

    @EventHandler
    void on(WorkspaceCreated event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        batch(at).update("""
                        INSERT INTO workspace_view (id, name, description, built_in, created_at, created_by,
                                                    updated_at, updated_by, version, last_position, member_count)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                        ON CONFLICT (id) DO NOTHING""",
                event.workspaceId(), event.name(), event.description(), event.builtIn(), at.occurredAt(), at.actor(),
                at.occurredAt(), at.actor(), at.versionAfter(), at.position());
    }

    @EventHandler
    void on(WorkspaceDescriptionUpdated event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        advance(event.workspaceId(), at, "description = ?", event.newDescription());
    }

    @EventHandler
    void on(MemberAdded event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        batch(at).update("""
                        INSERT INTO membership (workspace_id, principal, role, granted_at, granted_by)
                        SELECT ?, ?, ?, ?, ? WHERE""" + " " + UNAPPLIED,
                event.workspaceId(), event.principal(), event.role().wireName(), at.occurredAt(), at.actor(),
                event.workspaceId(), at.sequenceNumber());
        advance(event.workspaceId(), at, "member_count = member_count + 1");
    }

    @EventHandler
    void on(MemberRoleChanged event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        batch(at).update("""
                        UPDATE membership SET role = ?, granted_at = ?, granted_by = ?
                        WHERE workspace_id = ? AND principal = ? AND""" + " " + UNAPPLIED,
                event.newRole().wireName(), at.occurredAt(), at.actor(), event.workspaceId(), event.principal(),
                event.workspaceId(), at.sequenceNumber());
        advance(event.workspaceId(), at, "");
    }

    @EventHandler
    void on(MemberRemoved event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        batch(at).update("DELETE FROM membership WHERE workspace_id = ? AND principal = ? AND " + UNAPPLIED,
                event.workspaceId(), event.principal(), event.workspaceId(), at.sequenceNumber());
        advance(event.workspaceId(), at, "member_count = member_count - 1");
    }

    @EventHandler
    void on(EntityRegistered event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        batch(at).update("""
                        INSERT INTO workspace_entity (workspace_id, entity_type, entity_id, registered_at)
                        SELECT ?, ?, ?, ? WHERE""" + " " + UNAPPLIED,
                event.workspaceId(), event.entityType(), event.entityId(), at.occurredAt(),
                event.workspaceId(), at.sequenceNumber());
        advance(event.workspaceId(), at, "");
    }

    @EventHandler
    void on(EntityUnregistered event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        batch(at).update("DELETE FROM workspace_entity WHERE workspace_id = ? AND entity_type = ? AND entity_id = ? AND "
                        + UNAPPLIED,
                event.workspaceId(), event.entityType(), event.entityId(), event.workspaceId(), at.sequenceNumber());
        advance(event.workspaceId(), at, "");
    }

    @EventHandler
    void on(WorkspaceDeleted event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        batch(at).update("DELETE FROM membership WHERE workspace_id = ? AND " + UNAPPLIED,
                event.workspaceId(), event.workspaceId(), at.sequenceNumber());
        batch(at).update("DELETE FROM workspace_entity WHERE workspace_id = ? AND " + UNAPPLIED,
                event.workspaceId(), event.workspaceId(), at.sequenceNumber());
        advance(event.workspaceId(), at, "deleted_at = ?, member_count = 0", at.occurredAt());
    }

    /** Before a replay from the start: the read model is rebuilt from nothing. */
    @ResetHandler
    void reset() {
        jdbc.update(sql.of("TRUNCATE workspace_view, membership, workspace_entity"));
    }

    /** This version's statements of the batch being applied, in the SQL of its own tables. */
    protected VersionedSql.Statements batch(EventContext at) {
        return sql.batch(batches, at.position());
    }

    /**
     * Moves the workspace from the version before {@code at} to the one after it, setting {@code alsoSet} (SQL
     * assignments with {@code values} for their parameters) in the same statement. Nothing changes when the
     * event was applied already; an event arriving before its predecessors would mean a lost event, so it fails
     * the batch (which is then retried) rather than be applied out of order.
     */
    protected void advance(UUID workspaceId, EventContext at, String alsoSet, Object... values) {
        List<Object> parameters = new ArrayList<>(List.of(at.versionAfter(), at.position(), at.occurredAt(), at.actor()));
        parameters.addAll(Arrays.asList(values));
        parameters.add(workspaceId);
        parameters.add(at.sequenceNumber());
        batch(at).update("UPDATE workspace_view SET version = ?, last_position = ?, updated_at = ?, updated_by = ?"
                        + (alsoSet.isEmpty() ? "" : ", " + alsoSet) + " WHERE id = ? AND version = ?",
                rows -> {
                    if (rows == 0) {
                        requireApplied(workspaceId, at);
                    }
                }, parameters.toArray());
    }

    /** After the batch: an advance that changed nothing is fine only if the workspace is already past the event. */
    private void requireApplied(UUID workspaceId, EventContext at) {
        Long version = jdbc.query(sql.of("SELECT version FROM workspace_view WHERE id = ?"),
                rs -> rs.next() ? rs.getLong(1) : null, workspaceId);
        if (version == null || version <= at.sequenceNumber()) {
            throw new IllegalStateException("event " + at.eventId() + " (sequence " + at.sequenceNumber()
                    + ") of workspace " + workspaceId + " arrived before its predecessors (projected version: "
                    + version + ")");
        }
    }
}
