package io.workspaces.common.eventstore;

import io.workspaces.events.EventTypes;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Jackson serializer that writes the stable names of {@link EventTypes} into {@code payload_type} instead of
 * Java class names, and maps them back on read. Other types (metadata) keep Axon's default naming.
 */
class StableEventTypeSerializer extends JacksonSerializer {

    protected StableEventTypeSerializer(Builder builder) {
        super(builder);
    }

    public static StableEventTypeSerializer create(JacksonSerializer.Builder builder) {
        return new StableEventTypeSerializer(builder);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        SerializedType byClass = super.typeForClass(type);
        return EventTypes.nameOf(type)
                .<SerializedType>map(name -> new SimpleSerializedType(name, byClass.getRevision()))
                .orElse(byClass);
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return EventTypes.classOf(serializedType.getName())
                .map(Class::getName)
                .orElseGet(() -> super.resolveClassName(serializedType));
    }
}
