package io.workspaces.common.eventstore;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The metadata a processor reads: the stored JSON with the event's position written into its text, read by the
 * event serializer's own metadata reader; both must give what Axon's serializer gives for the same JSON.
 */
class PositionedMetaDataTest {

    private final Serializer events = new EventStoreConfiguration().eventSerializer();
    private final Serializer axon = JacksonSerializer.builder().objectMapper(EventStoreConfiguration.eventMapper()).build();

    @Test
    void thePositionIsAddedToTheStoredMetadataAsAxonWouldReadIt() {
        for (String stored : List.of(
                "{\"actor\":\"alice\",\"request_id\":\"r-1\",\"correlation_id\":\"c\"}",
                "  { \"actor\" : \"bob\", \"platform_roles\": [\"platform-admin\", \"x\"] }  ",
                "{}", " { } ", "",
                "{\"actor\":\"carol\",\"nested\":{\"a\":1,\"b\":[1,2.5,true,null]},\"big\":12345678901234}")) {
            String positioned = PositionedJdbcEventStorageEngine.positioned(stored, 9_876_543_210L);
            MetaData read = events.deserialize(new SerializedMetaData<>(positioned, String.class));
            MetaData byAxon = axon.deserialize(new SerializedMetaData<>(positioned, String.class));
            assertThat(read).as(stored).isEqualTo(byAxon);
            assertThat(EventMetadata.positionOf(new org.axonframework.eventhandling.GenericEventMessage<>("x", read)))
                    .hasValue(9_876_543_210L);
            if (!stored.isBlank()) {
                Map<String, Object> without = new java.util.HashMap<>(read);
                without.remove(EventMetadata.GLOBAL_POSITION);
                assertThat(without).as(stored)
                        .isEqualTo(axon.deserialize(new SerializedMetaData<>(stored, String.class)));
            }
        }
        assertThat(PositionedJdbcEventStorageEngine.positioned(null, 7)).isEqualTo("{\"global_position\":7}");
    }

    @Test
    void storedTextThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> PositionedJdbcEventStorageEngine.positioned("[1,2]", 1)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> PositionedJdbcEventStorageEngine.positioned("{\"a\":", 1)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void metadataWrittenByTheEventSerializerReadsBackTheSame() {
        MetaData metaData = MetaData.with("actor", "dave").and("request_id", "r").and("count", 3);
        SerializedObject<String> written = events.serialize(metaData, String.class);
        assertThat((MetaData) events.deserialize(written)).isEqualTo(metaData).isEqualTo(axon.deserialize(written));
    }
}
