package io.workspaces.query.webhook;

import io.workspaces.query.feed.DownstreamProcessors;
import io.workspaces.query.projection.CommitSignal;
import io.workspaces.query.projection.ProjectionProperties;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook outbox's processor ({@value WebhookOutbox#PROCESSOR}) and the signal of its commits to the dispatcher. */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    /** Fired when the outbox processor has committed new deliveries. */
    public record DeliveriesRecorded(CommitSignal signal) {
    }

    @Bean
    DeliveriesRecorded deliveriesRecorded() {
        return new DeliveriesRecorded(new CommitSignal(WebhookOutbox.PROCESSOR));
    }

    @Bean
    ConfigurerModule webhookOutboxProcessor(ProjectionProperties properties) {
        return configurer -> configurer.eventProcessing(processing ->
                DownstreamProcessors.register(processing, WebhookOutbox.PROCESSOR, properties.batchSize()));
    }
}
