package io.workspaces.common.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.serialization.SerializedObject;

import java.time.Instant;

/**
 * A stored event as read by a processor: its own global position beside the metadata ({@link PositionedMetaData}), and its timestamp parsed
 * once, when read ({@link StoredTimestamps}), where Axon's entries keep the text and parse it on every access.
 */
final class PositionedEventData<T> implements DomainEventData<T> {

    private final DomainEventData<T> event;
    private final SerializedObject<T> metaData;
    private final Instant timestamp;

    PositionedEventData(DomainEventData<T> event, long position, Instant timestamp) {
        this.event = event;
        SerializedObject<T> stored = event.getMetaData();
        this.metaData = new PositionedMetaData<>(stored.getData(), stored.getContentType(), position);
        this.timestamp = timestamp;
    }

    @Override
    public String getType() {
        return event.getType();
    }

    @Override
    public String getAggregateIdentifier() {
        return event.getAggregateIdentifier();
    }

    @Override
    public long getSequenceNumber() {
        return event.getSequenceNumber();
    }

    @Override
    public String getEventIdentifier() {
        return event.getEventIdentifier();
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<T> getMetaData() {
        return metaData;
    }

    @Override
    public SerializedObject<T> getPayload() {
        return event.getPayload();
    }
}
