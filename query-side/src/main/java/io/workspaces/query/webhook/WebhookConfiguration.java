package io.workspaces.query.webhook;

import io.workspaces.common.db.DatabaseConfiguration;
import io.workspaces.query.feed.DownstreamProcessors;
import io.workspaces.query.projection.CommitSignal;
import io.workspaces.query.projection.ProjectionProperties;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.net.InetAddress;

/**
 * The webhook outbox's processor ({@value WebhookOutbox#PROCESSOR}), the signal of its commits to the dispatcher,
 * the dispatcher's threads and the resolver the outbound address policy asks. The thread pools are not default
 * candidates, so that they neither replace Spring Boot's own task executor and scheduler nor get injected anywhere
 * else.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    static final String SENDERS = "webhookSenders";
    static final String SCHEDULER = "webhookScheduler";

    /** Fired when the outbox processor has committed new deliveries. */
    public record DeliveriesRecorded(CommitSignal signal) {
    }

    @Bean
    DeliveriesRecorded deliveriesRecorded() {
        return new DeliveriesRecorded(new CommitSignal(WebhookOutbox.PROCESSOR));
    }

    @Bean
    ConfigurerModule webhookOutboxProcessor(ProjectionProperties properties, Environment environment) {
        return configurer -> configurer.eventProcessing(processing -> DownstreamProcessors.register(processing,
                WebhookOutbox.PROCESSOR, properties, !DatabaseConfiguration.readOnly(environment)));
    }

    /** Sends deliveries: one thread per delivery a node sends at once. */
    @Bean(name = SENDERS, defaultCandidate = false)
    ThreadPoolTaskExecutor webhookSenders(WebhookProperties properties) {
        ThreadPoolTaskExecutor senders = new ThreadPoolTaskExecutor();
        senders.setThreadNamePrefix("webhook-sender-");
        senders.setCorePoolSize(properties.concurrency());
        senders.setMaxPoolSize(properties.concurrency());
        senders.setDaemon(true);
        return senders;
    }

    /** Claims due deliveries (one run at a time), polls, and ends requests that run past their timeout. */
    @Bean(name = SCHEDULER, defaultCandidate = false)
    ThreadPoolTaskScheduler webhookScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("webhook-dispatcher-");
        scheduler.setPoolSize(1);
        scheduler.setDaemon(true);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    @Bean
    HostResolver systemHostResolver() {
        return InetAddress::getAllByName;
    }
}
