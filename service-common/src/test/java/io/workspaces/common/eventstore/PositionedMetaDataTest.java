package io.workspaces.common.eventstore;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The metadata a processor reads: the stored JSON, read by the event serializer's own metadata reader, with the
 * event's position (carried beside the text) added; it must be what Axon's serializer gives for the same JSON, plus
 * the position.
 */
class PositionedMetaDataTest {

    private static final long POSITION = 9_876_543_210L;

    private final Serializer events = new EventStoreConfiguration().eventSerializer();
    private final Serializer axon = JacksonSerializer.builder().objectMapper(EventStoreConfiguration.eventMapper()).build();

    @Test
    void thePositionIsAddedToTheStoredMetadataAsAxonReadsIt() {
        for (String stored : List.of(
                "{\"actor\":\"alice\",\"request_id\":\"r-1\",\"correlation_id\":\"c\"}",
                "  { \"actor\" : \"bob\", \"platform_roles\": [\"platform-admin\", \"x\"] }  ",
                "{}", " { } ",
                "{\"actor\":\"carol\",\"nested\":{\"a\":1,\"b\":[1,2.5,true,null]},\"big\":12345678901234}")) {
            MetaData read = events.deserialize(new PositionedMetaData<>(stored, String.class, POSITION));
            Map<String, Object> expected = new HashMap<>(axon.<String, MetaData>deserialize(
                    new SerializedMetaData<>(stored, String.class)));
            expected.put(EventMetadata.GLOBAL_POSITION, POSITION);
            assertThat(read).as(stored).isEqualTo(MetaData.from(expected));
            assertThat(EventMetadata.positionOf(new GenericEventMessage<>("x", read))).hasValue(POSITION);
        }
    }

    @Test
    void metadataStoredEmptyStillCarriesThePosition() {
        for (String stored : List.of("", "  ")) {
            MetaData read = events.deserialize(new PositionedMetaData<>(stored, String.class, 7L));
            assertThat(read).as("stored %s", stored).isEqualTo(MetaData.with(EventMetadata.GLOBAL_POSITION, 7L));
        }
    }

    @Test
    void storedTextThatIsNotAnObjectIsRefused() {
        for (String stored : List.of("[1,2]", "{\"a\":", "42")) {
            assertThatThrownBy(() -> events.deserialize(new PositionedMetaData<>(stored, String.class, 1L)))
                    .as(stored).isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void metadataWrittenByTheEventSerializerReadsBackTheSame() {
        MetaData metaData = MetaData.with("actor", "dave").and("request_id", "r").and("count", 3);
        SerializedObject<String> written = events.serialize(metaData, String.class);
        assertThat((MetaData) events.deserialize(written)).isEqualTo(metaData).isEqualTo(axon.deserialize(written));
    }
}
