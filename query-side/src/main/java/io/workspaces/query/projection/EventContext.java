package io.workspaces.query.projection;

import io.workspaces.common.eventstore.EventMetadata;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Where an event sits in the log and who caused it: what every projection records next to the payload.
 * Timestamps have the event store's precision, milliseconds.
 */
public record EventContext(long position, long sequenceNumber, String eventId, OffsetDateTime occurredAt,
                           String actor, String requestId, String correlationId, String causationId,
                           String clientAddress) {

    /**
     * The context of an event a processor delivers. Its position is its own, from the storage engine
     * ({@link EventMetadata#positionOf}), not the token's: the token's position is the highest seen so far,
     * which for an event that committed late belongs to another event.
     */
    public static EventContext of(DomainEventMessage<?> message) {
        long position = EventMetadata.positionOf(message).orElseThrow(
                () -> new IllegalStateException("event " + message.getIdentifier() + " has no global position"));
        return new EventContext(position, message.getSequenceNumber(), message.getIdentifier(),
                OffsetDateTime.ofInstant(message.getTimestamp(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS),
                EventMetadata.actorOf(message), text(message, EventMetadata.REQUEST_ID),
                text(message, EventMetadata.CORRELATION_ID), text(message, EventMetadata.CAUSATION_ID),
                text(message, EventMetadata.CLIENT_ADDRESS));
    }

    /** The aggregate version once this event is applied: the number of events in the stream so far. */
    public long versionAfter() {
        return sequenceNumber + 1;
    }

    private static String text(DomainEventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
