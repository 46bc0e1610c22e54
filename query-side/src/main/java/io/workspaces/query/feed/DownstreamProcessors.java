package io.workspaces.query.feed;

import io.workspaces.query.projection.ProjectionProperties;
import io.workspaces.query.projection.RetryingProjectionErrors;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

import java.util.concurrent.TimeUnit;

/**
 * How the downstream channels' processors run: each is a tracking processor with a single segment, so exactly
 * one thread on one query node handles its events, in the order of the log (per workspace, always), and what it
 * writes becomes visible in that order. A handler that fails stops the processor at that event and retries it;
 * nothing is skipped.
 */
public final class DownstreamProcessors {

    private DownstreamProcessors() {
    }

    /** {@code autoStart} false on a read-only node (it writes nothing: another node processes the events). */
    public static void register(EventProcessingConfigurer processing, String name, ProjectionProperties properties,
                                boolean autoStart) {
        processing.registerTrackingEventProcessor(name, Configuration::eventStore,
                axon -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(properties.batchSize())
                        .andAutoStart(autoStart)
                        .andEventAvailabilityTimeout(properties.eventAvailabilityTimeoutMillis(), TimeUnit.MILLISECONDS));
        processing.registerListenerInvocationErrorHandler(name, axon -> new RetryingProjectionErrors(name));
    }
}
