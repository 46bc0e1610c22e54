package io.workspaces.common.eventstore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import io.workspaces.events.EventTypes;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jackson serializer that writes the stable names of {@link EventTypes} into {@code payload_type} instead of
 * Java class names, and maps them back on read. Other types (metadata) keep Axon's default naming.
 *
 * <p>Reads are made cheaper than Axon's own, which every processor pays for every event it reads (a replay is
 * mostly this): an event's metadata is read as the flat JSON object it is stored as, with one reader made once,
 * where Axon's metadata deserializer looks up and contextualizes a map deserializer for every event; and the reader
 * of each payload class is made once, where Axon makes one for every event. Metadata read by the storage engine
 * carries the event's position beside it ({@link PositionedMetaData}), added to the map here.
 */
class StableEventTypeSerializer extends JacksonSerializer {

    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final ObjectReader metaDataReader;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    protected StableEventTypeSerializer(Builder builder) {
        super(builder);
        this.metaDataReader = getObjectMapper().readerFor(METADATA);
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

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (!SerializedMetaData.isSerializedMetaData(serializedObject)) {
            return super.deserialize(serializedObject);
        }
        Map<String, Object> values = new HashMap<>();
        if (serializedObject.getData() != null) {
            String json = getConverter().convert(serializedObject.getData(), serializedObject.getContentType(),
                    String.class);
            if (!json.isBlank()) {
                try {
                    Map<String, Object> stored = metaDataReader.readValue(json);
                    if (stored != null) {
                        values.putAll(stored);
                    }
                } catch (IOException e) {
                    throw new SerializationException("Error while deserializing metadata", e);
                }
            }
        }
        if (serializedObject instanceof PositionedMetaData<?> positioned) {
            values.put(EventMetadata.GLOBAL_POSITION, positioned.position());
        }
        return (T) (values.isEmpty() ? MetaData.emptyInstance() : MetaData.from(values));
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }
}
