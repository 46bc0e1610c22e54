package io.workspaces.query.projection;

import io.workspaces.common.db.DatabaseConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The projections' machinery: read-model tables ({@code db/query}), tokens in PostgreSQL, and one tracking
 * processor per projection, its segments shared by the query nodes through the token store. A handler that
 * fails is retried, never skipped: Axon's default error handler would log the failure and move the token past
 * the event, leaving a hole in the read model.
 *
 * <p>Tracking rather than pooled processors: on a JDBC event store a pooled processor's coordinator learns of
 * new events only by polling every 500 ms, which would be the lag of every read-your-writes query; a tracking
 * processor's threads block on the event store and see a new event within {@code event-store.fetch-delay}.
 * A tracking processor runs one thread per claimed segment, so each node runs {@code threads} of them; a
 * single node must run as many threads as there are segments, or some segments are never processed.
 *
 * <p>The processors' transactions plan their statements once per connection rather than at every execution
 * ({@link ProjectionTransactions}).
 *
 * <p>Every move of a projection on this node is signalled ({@link ProjectionsAdvanced}), so that a read waiting
 * for a consistency token looks again at once instead of polling.
 */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConfiguration.class);

    public static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    @Bean
    FlywayMigrationInitializer querySchema(DataSource dataSource, Environment environment) {
        return DatabaseConfiguration.migrations(dataSource, "db/query", "flyway_schema_history_query",
                DatabaseConfiguration.readOnly(environment));
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TOKEN_SCHEMA)
                .contentType(String.class)
                .build();
    }

    /**
     * Fired after a projection's batch has committed on this node, and when a segment of this node has moved past
     * events of other segments (which commits nothing).
     */
    public record ProjectionsAdvanced(CommitSignal signal) {
    }

    @Bean
    ProjectionsAdvanced projectionsAdvanced() {
        return new ProjectionsAdvanced(new CommitSignal("projections"));
    }

    @Bean
    ConfigurerModule projectionProcessors(ProjectionProperties properties, ProjectionsAdvanced advanced,
                                          Environment environment, List<ProjectionVersion> versions,
                                          ObjectProvider<ProjectionVersions> liveVersions,
                                          TransactionManager transactionManager, JdbcTemplate jdbc) {
        boolean readOnly = DatabaseConfiguration.readOnly(environment);
        if (readOnly) {
            log.info("read-only query node: projections, audit chain, feed, webhook outbox and broker publisher are "
                    + "not processed here; reads follow the stored tokens of the nodes that process them");
        } else if (properties.threads() < properties.segments()) {
            log.warn("each projection has {} segments but this node runs {} threads: the other {} need other query "
                    + "nodes", properties.segments(), properties.threads(), properties.segments() - properties.threads());
        }
        return configurer -> configurer.eventProcessing(processing -> {
            // every processor of this node that has no transaction manager of its own (the access index has)
            processing.registerDefaultTransactionManager(axon -> new ProjectionTransactions(transactionManager, jdbc));
            for (String projection : ProjectionVersions.processors(Projections.ALL, versions)) {
                processing.registerTrackingEventProcessor(projection,
                        org.axonframework.config.Configuration::eventStore,
                        axon -> TrackingEventProcessorConfiguration.forParallelProcessing(properties.threads())
                                .andInitialSegmentsCount(properties.segments())
                                .andBatchSize(properties.batchSize())
                                .andAutoStart(!readOnly && liveVersions.getObject().runs(projection))
                                .andEventAvailabilityTimeout(properties.eventAvailabilityTimeoutMillis(),
                                        TimeUnit.MILLISECONDS)
                                .andEventTrackerStatusChangeListener(new PositionListener(advanced.signal())));
                processing.registerListenerInvocationErrorHandler(projection,
                        axon -> new RetryingProjectionErrors(projection));
                processing.registerHandlerInterceptor(projection, axon -> signalAfterCommit(advanced.signal()));
            }
        });
    }

    /**
     * After a batch's commit, whose token the store already holds while the processor's status in memory may not
     * have caught up yet; this covers an event that filled a gap, which moves no segment's position.
     */
    private static MessageHandlerInterceptor<EventMessage<?>> signalAfterCommit(CommitSignal signal) {
        return (unitOfWork, chain) -> {
            signal.afterCommit();
            return chain.proceed();
        };
    }

    /** Signals whenever a segment's position moves in memory, including past events of other segments. */
    private record PositionListener(CommitSignal signal) implements EventTrackerStatusChangeListener {

        @Override
        public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
            signal.fire();
        }

        @Override
        public boolean validatePositions() {
            return true;
        }
    }
}
