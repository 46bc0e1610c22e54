package io.workspaces.command.workspace;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.workspaces.common.eventstore.EventStorageCustomizer;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * How a workspace is loaded for a command without reading its whole history each time: a snapshot of its
 * state every {@code workspaces.snapshots.every} events, and a cache of up to
 * {@code workspaces.aggregate-cache.size} loaded workspaces on each node (the least recently used go first).
 *
 * <p>The cache is safe with several command nodes: every append is checked against the event store's unique
 * (aggregate, sequence); a node whose cached workspace is behind fails that check, drops the entry and the
 * command is retried on a fresh load. A command that appends nothing (refused, or a no-op) cannot fail that
 * check, so the dispatcher decides it again on a fresh load before answering. Snapshots are a disposable cache too: {@code snapshot_event_entry} may
 * be emptied at any time. They are stored as JSON under the stable type {@value #SNAPSHOT_TYPE}; a change
 * of the aggregate's fields needs a new {@code @Revision} on {@link Workspace}, which makes older snapshots
 * ignored.
 */
@Configuration(proxyBeanMethods = false)
class WorkspaceLoading {

    static final String SNAPSHOT_TYPE = "workspace.snapshot";
    private static final String SNAPSHOT_TAKER = "workspaceSnapshotTaker";

    /**
     * The one thread that takes snapshots, one after the other; injected by name only, never as the
     * application's default executor.
     */
    @Bean(name = SNAPSHOT_TAKER, defaultCandidate = false)
    ThreadPoolTaskExecutor workspaceSnapshotTaker() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("workspace-snapshots-");
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        return executor;
    }

    /**
     * Takes snapshots on a thread of its own, after the command's transaction: a command never holds its
     * workspace's lock (nor a connection) while a snapshot is read and written.
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory,
                                                    @Qualifier(SNAPSHOT_TAKER) TaskExecutor snapshotTaker) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotTaker)
                .build();
    }

    @Bean
    SnapshotTriggerDefinition workspaceSnapshotTrigger(Snapshotter snapshotter,
                                                       @Value("${workspaces.snapshots.every:100}") int every) {
        return every <= 0 ? NoSnapshotTriggerDefinition.INSTANCE
                : new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean
    Cache workspaceCache(@Value("${workspaces.aggregate-cache.enabled:true}") boolean enabled,
                         @Value("${workspaces.aggregate-cache.size:10000}") long size) {
        return enabled && size > 0 ? new BoundedAggregateCache(size) : NoCache.INSTANCE;
    }

    /** Snapshots are written with {@link #snapshotSerializer()}. */
    @Bean
    EventStorageCustomizer snapshotStorage() {
        Serializer snapshots = snapshotSerializer();
        return builder -> builder.snapshotSerializer(snapshots);
    }

    /** The aggregate's own fields, as they are, in JSON; the stable type name instead of the class name. */
    private static Serializer snapshotSerializer() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return new SnapshotSerializer(JacksonSerializer.builder().objectMapper(mapper));
    }

    private static final class SnapshotSerializer extends JacksonSerializer {

        SnapshotSerializer(Builder builder) {
            super(builder);
        }

        @Override
        public SerializedType typeForClass(Class type) {
            SerializedType byClass = super.typeForClass(type);
            return Workspace.class.equals(type) ? new SimpleSerializedType(SNAPSHOT_TYPE, byClass.getRevision()) : byClass;
        }

        @Override
        protected String resolveClassName(SerializedType serializedType) {
            return SNAPSHOT_TYPE.equals(serializedType.getName()) ? Workspace.class.getName()
                    : super.resolveClassName(serializedType);
        }
    }
}
