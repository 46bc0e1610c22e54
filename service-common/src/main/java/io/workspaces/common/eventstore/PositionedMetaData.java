package io.workspaces.common.eventstore;

import org.axonframework.serialization.SerializedMetaData;

/**
 * An event's stored metadata as a processor reads it, with the event's global position beside it: the event
 * serializer adds the position under {@value EventMetadata#GLOBAL_POSITION} when it reads the metadata
 * ({@link StableEventTypeSerializer}), so the stored text is neither parsed nor rewritten to carry it.
 */
final class PositionedMetaData<T> extends SerializedMetaData<T> {

    private final long position;

    PositionedMetaData(T data, Class<T> dataType, long position) {
        super(data, dataType);
        this.position = position;
    }

    long position() {
        return position;
    }
}
