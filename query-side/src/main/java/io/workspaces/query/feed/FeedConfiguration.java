package io.workspaces.query.feed;

import io.workspaces.common.db.DatabaseConfiguration;
import io.workspaces.query.projection.CommitSignal;
import io.workspaces.query.projection.ProjectionProperties;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The feed's processor ({@value FeedProjection#PROCESSOR}), the signal of its commits to this node's streams, and
 * the threads that send to the streams.
 */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

    static final String STREAM_SENDERS = "feedStreamSenders";

    /** Fired when the feed processor has committed new rows. */
    public record FeedRecorded(CommitSignal signal) {
    }

    @Bean
    FeedRecorded feedRecorded() {
        return new FeedRecorded(new CommitSignal(FeedProjection.PROCESSOR));
    }

    @Bean
    ConfigurerModule feedProcessor(ProjectionProperties properties, Environment environment) {
        return configurer -> configurer.eventProcessing(processing -> DownstreamProcessors.register(processing,
                FeedProjection.PROCESSOR, properties, !DatabaseConfiguration.readOnly(environment)));
    }

    /**
     * A thread for every stream that has something to send (each stream is pumped by one task at a time), made
     * when needed and let go after a minute idle: a stream blocked on a client that does not read holds only its
     * own. Two more than the streams, for the task of a stream that has just ended.
     */
    @Bean(name = STREAM_SENDERS, defaultCandidate = false)
    ThreadPoolTaskExecutor feedStreamSenders(FeedProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("feed-stream-");
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(properties.maxStreams() + 2);
        executor.setQueueCapacity(0);
        executor.setKeepAliveSeconds(60);
        return executor;
    }
}
