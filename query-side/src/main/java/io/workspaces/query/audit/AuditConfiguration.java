package io.workspaces.query.audit;

import io.workspaces.common.db.DatabaseConfiguration;
import io.workspaces.query.projection.ProjectionProperties;
import io.workspaces.query.projection.RetryingProjectionErrors;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.concurrent.TimeUnit;

/**
 * The audit chain's processor: one segment, one thread, so that exactly one writer (on one query node at a
 * time, through the token claim) links each event to the one before it.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    ConfigurerModule auditChainProcessor(ProjectionProperties properties, Environment environment) {
        boolean autoStart = !DatabaseConfiguration.readOnly(environment);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(AuditChainWriter.PROCESSOR,
                        org.axonframework.config.Configuration::eventStore,
                        axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(properties.batchSize())
                                .andAutoStart(autoStart)
                                .andEventAvailabilityTimeout(properties.eventAvailabilityTimeoutMillis(),
                                        TimeUnit.MILLISECONDS))
                .registerSequencingPolicy(AuditChainWriter.PROCESSOR, axon -> new SequentialPolicy())
                .registerListenerInvocationErrorHandler(AuditChainWriter.PROCESSOR,
                        axon -> new RetryingProjectionErrors(AuditChainWriter.PROCESSOR)));
    }
}
