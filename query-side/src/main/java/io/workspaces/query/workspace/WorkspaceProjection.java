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
import io.workspaces.query.projection.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Folds the workspace stream into {@code workspace_view}, {@code membership} and {@code workspace_entity}.
 *
 * <p>Every handler first advances the workspace's {@code version} from the event's sequence number to the
 * next one, and changes anything else only if that succeeded: an event that was already applied (a replay
 * over live rows, a batch retried after a crash) changes nothing, so handlers are idempotent.
 */
@Component
@ProcessingGroup(Projections.WORKSPACES)
public class WorkspaceProjection {

    private final JdbcTemplate jdbc;

    public WorkspaceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WorkspaceCreated event, DomainEventMessage<?> message, TrackingToken token) {
        EventContext at = EventContext.of(message, token);
        jdbc.update("""
                        INSERT INTO workspace_view (id, name, description, built_in, created_at, created_by,
                                                    updated_at, updated_by, version, last_position, member_count)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                        ON CONFLICT (id) DO NOTHING""",
                event.workspaceId(), event.name(), event.description(), event.builtIn(), at.occurredAt(), at.actor(),
                at.occurredAt(), at.actor(), at.versionAfter(), at.position());
    }

    @EventHandler
    void on(WorkspaceDescriptionUpdated event, DomainEventMessage<?> message, TrackingToken token) {
        EventContext at = EventContext.of(message, token);
        advance(event.workspaceId(), at, "description = ?", event.newDescription());
    }

    @EventHandler
    void on(MemberAdded event, DomainEventMessage<?> message, TrackingToken token) {
        EventContext at = EventContext.of(message, token);
        if (advance(event.workspaceId(), at, "member_count = member_count + 1")) {
            jdbc.update("""
                            INSERT INTO membership (workspace_id, principal, role, granted_at, granted_by)
                            VALUES (?, ?, ?, ?, ?)""",
                    event.workspaceId(), event.principal(), event.role().wireName(), at.occurredAt(), at.actor());
        }
    }

    @EventHandler
    void on(MemberRoleChanged event, DomainEventMessage<?> message, TrackingToken token) {
        EventContext at = EventContext.of(message, token);
        if (advance(event.workspaceId(), at, "")) {
            jdbc.update("""
                            UPDATE membership SET role = ?, granted_at = ?, granted_by = ?
                            WHERE workspace_id = ? AND principal = ?""",
                    event.newRole().wireName(), at.occurredAt(), at.actor(), event.workspaceId(), event.principal());
        }
    }

    @EventHandler
    void on(MemberRemoved event, DomainEventMessage<?> message, TrackingToken token) {
        EventContext at = EventContext.of(message, token);
        if (advance(event.workspaceId(), at, "member_count = member_count - 1")) {
            jdbc.update("DELETE FROM membership WHERE workspace_id = ? AND principal = ?",
                    event.workspaceId(), event.principal());
        }
    }

    @EventHandler
    void on(EntityRegistered event, DomainEventMessage<?> message, TrackingToken token) {
        EventContext at = EventContext.of(message, token);
        if (advance(event.workspaceId(), at, "")) {
            jdbc.update("""
                            INSERT INTO workspace_entity (workspace_id, entity_type, entity_id, registered_at)
                            VALUES (?, ?, ?, ?)""",
                    event.workspaceId(), event.entityType(), event.entityId(), at.occurredAt());
        }
    }

    @EventHandler
    void on(EntityUnregistered event, DomainEventMessage<?> message, TrackingToken token) {
        EventContext at = EventContext.of(message, token);
        if (advance(event.workspaceId(), at, "")) {
            jdbc.update("DELETE FROM workspace_entity WHERE workspace_id = ? AND entity_type = ? AND entity_id = ?",
                    event.workspaceId(), event.entityType(), event.entityId());
        }
    }

    @EventHandler
    void on(WorkspaceDeleted event, DomainEventMessage<?> message, TrackingToken token) {
        EventContext at = EventContext.of(message, token);
        if (advance(event.workspaceId(), at, "deleted_at = ?, member_count = 0", at.occurredAt())) {
            jdbc.update("DELETE FROM membership WHERE workspace_id = ?", event.workspaceId());
            jdbc.update("DELETE FROM workspace_entity WHERE workspace_id = ?", event.workspaceId());
        }
    }

    /** Before a replay from the start: the read model is rebuilt from nothing. */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE workspace_view, membership, workspace_entity");
    }

    /**
     * Moves the workspace from the version before {@code at} to the one after it, setting {@code alsoSet} (SQL
     * assignments with {@code values} for their parameters) in the same statement. False when the event was
     * applied already; an event arriving before its predecessors would mean a lost event, so it fails the
     * batch (which is then retried) rather than be applied out of order.
     */
    private boolean advance(UUID workspaceId, EventContext at, String alsoSet, Object... values) {
        List<Object> parameters = new ArrayList<>(List.of(at.versionAfter(), at.position(), at.occurredAt(), at.actor()));
        parameters.addAll(Arrays.asList(values));
        parameters.add(workspaceId);
        parameters.add(at.sequenceNumber());
        int updated = jdbc.update("UPDATE workspace_view SET version = ?, last_position = ?, updated_at = ?, updated_by = ?"
                + (alsoSet.isEmpty() ? "" : ", " + alsoSet) + " WHERE id = ? AND version = ?", parameters.toArray());
        if (updated == 1) {
            return true;
        }
        Long version = jdbc.query("SELECT version FROM workspace_view WHERE id = ?",
                rs -> rs.next() ? rs.getLong(1) : null, workspaceId);
        if (version != null && version > at.sequenceNumber()) {
            return false;
        }
        throw new IllegalStateException("event " + at.eventId() + " (sequence " + at.sequenceNumber()
                + ") of workspace " + workspaceId + " arrived before its predecessors (projected version: "
                + version + ")");
    }
}
