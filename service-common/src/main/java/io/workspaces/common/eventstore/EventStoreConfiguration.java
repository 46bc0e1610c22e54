package io.workspaces.common.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.workspaces.common.db.DatabaseConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event store both sides share: Axon's JDBC storage engine on the Flyway-owned tables of
 * {@code db/eventstore}, payload and metadata as JSON text, written by a mapper of its own so that no
 * {@code spring.jackson.*} setting can change what is stored forever. The command side appends through it,
 * the query side's processors read from it.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** The bean that writes aggregate snapshots, where a side takes them. */
    /** Column and table names of the migration; Axon's defaults are camelCase. */
    public static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /** The one mapper that writes stored events. Changing it changes the stored format: don't. */
    public static ObjectMapper eventMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(eventMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return StableEventTypeSerializer.create(JacksonSerializer.builder().objectMapper(eventMapper()));
    }

    /**
     * The event store over the storage engine. A reader at the head of the log reads it again after
     * {@code workspaces.event-store.fetch-delay} (Axon's default is 1 s, which would be the query side's lag); where
     * {@code workspaces.event-store.notifications} is on (the query side), readers are woken by PostgreSQL's
     * notification of every append instead, and read the log on their own only every
     * {@code workspaces.event-store.idle-fetch-delay}. A read-only node (on a hot standby, where PostgreSQL refuses
     * {@code LISTEN}) polls. The store keeps the newest {@code workspaces.event-store.cached-events} events read for
     * the processors at the head to share (Axon's default is 10,000): each holds its own copy of the log's open gaps
     * in its token, so the cache's memory grows with both numbers.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public WakeableEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration axonConfiguration,
                                         @Value("${workspaces.event-store.fetch-delay:50ms}") Duration fetchDelay,
                                         @Value("${workspaces.event-store.notifications:false}") boolean notifications,
                                         @Value("${workspaces.event-store.idle-fetch-delay:5s}") Duration idleFetchDelay,
                                         @Value("${workspaces.event-store.cached-events:1000}") int cachedEvents,
                                         @Value("${" + DatabaseConfiguration.READ_ONLY + ":false}") boolean readOnly) {
        boolean woken = notifications && !readOnly;
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axonConfiguration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axonConfiguration.getComponent(EventBusSpanFactory.class))
                .fetchDelay((woken ? idleFetchDelay : fetchDelay).toMillis())
                .cachedEvents(cachedEvents)
                .timeUnit(TimeUnit.MILLISECONDS);
        return new WakeableEventStore(builder);
    }

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ObjectProvider<EventStorageCustomizer> customizers,
                                                 ObjectProvider<AppendListener> appendListeners,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 org.axonframework.config.Configuration axonConfiguration,
                                                 @Value("${workspaces.event-store.batch-size:1000}") int batchSize) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                // a duplicate (aggregate, sequence) becomes Axon's ConcurrencyException, not a generic failure
                .persistenceExceptionResolver(new SQLStateResolver("23505"))
                .connectionProvider(connectionProvider)
                .dataType(String.class)
                // rows per read of the log (Axon's default is 100): a processor far behind the head, as in a replay,
                // reads it in fewer, larger queries; at the head a read returns what there is
                .batchSize(batchSize)
                .schema(EVENT_SCHEMA);
        // the side that snapshots aggregates (the command side) says how they are written
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        // the side that appends may want to hear of committed appends (the command side notifies the query side)
        return PositionedJdbcEventStorageEngine.create(builder, transactionManager,
                appendListeners.orderedStream().toList());
    }
}
