package io.workspaces.query.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.eventstore.EventStoreConfiguration;
import io.workspaces.events.EventTypes;
import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.projection.EventContext;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The public form of an event, identical on every downstream channel (RabbitMQ, the HTTP feed and its SSE
 * stream, webhooks): envelope version {@value #VERSION}. {@code type} and {@code revision} say which JSON Schema
 * {@code data} follows ({@code query-side/src/main/resources/event-schemas}); {@code position} is the event's
 * global position in the log, increasing within each workspace.
 */
public record EventEnvelope(String id, String type, String revision, long position, UUID workspaceId,
                            OffsetDateTime occurredAt, String actor, JsonNode data) {

    /** Bumped only by an incompatible change of the envelope itself; the data's changes bump its revision. */
    public static final int VERSION = 1;

    /**
     * Writes envelopes: the stored-event mapper (snake_case, RFC 3339 timestamps), fixed here so that no
     * {@code spring.jackson.*} setting can change what consumers receive.
     */
    private static final ObjectMapper JSON = EventStoreConfiguration.eventMapper();

    /** The envelope of an event a processor delivers, at its own position ({@link EventContext#of}). */
    public static EventEnvelope of(WorkspaceEvent event, DomainEventMessage<?> message) {
        EventContext at = EventContext.of(message);
        Revision revision = event.getClass().getAnnotation(Revision.class);
        return new EventEnvelope(at.eventId(), EventTypes.nameOf(event.getClass()).orElseThrow(),
                revision == null ? null : revision.value(), at.position(), event.workspaceId(), at.occurredAt(),
                at.actor(), JSON.valueToTree(event));
    }

    /** The envelope as JSON text, fields in the documented order. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
