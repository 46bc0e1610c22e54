package io.workspaces.query.feed;

import io.workspaces.query.projection.CommitSignal;
import io.workspaces.query.projection.ProjectionProperties;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feed's processor ({@value FeedProjection#PROCESSOR}) and the signal of its commits to this node's streams. */
@Configuration(proxyBeanMethods = false)
public class FeedConfiguration {

    /** Fired when the feed processor has committed new rows. */
    public record FeedRecorded(CommitSignal signal) {
    }

    @Bean
    FeedRecorded feedRecorded() {
        return new FeedRecorded(new CommitSignal(FeedProjection.PROCESSOR));
    }

    @Bean
    ConfigurerModule feedProcessor(ProjectionProperties properties) {
        return configurer -> configurer.eventProcessing(processing ->
                DownstreamProcessors.register(processing, FeedProjection.PROCESSOR, properties.batchSize()));
    }
}
