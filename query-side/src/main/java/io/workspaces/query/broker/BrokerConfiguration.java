package io.workspaces.query.broker;

import io.micrometer.core.instrument.MeterRegistry;
import io.workspaces.query.feed.DownstreamProcessors;
import io.workspaces.query.projection.ProcessorLag;
import io.workspaces.query.projection.ProjectionProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * Publishing to RabbitMQ (docs/downstream.md), on unless {@code workspaces.broker.enabled} is false: the durable topic exchange
 * (declared whenever a connection opens), the publisher with its processor, and the reconnector.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${workspaces.broker.enabled:true} and !${workspaces.read-only:false}")
class BrokerConfiguration {

    @Bean
    TopicExchange eventsExchange(BrokerProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }

    @Bean
    BrokerStatus brokerStatus() {
        return new BrokerStatus();
    }

    @Bean
    BrokerPublisher brokerPublisher(RabbitTemplate rabbit, BrokerProperties properties,
                                    BrokerStatus status) {
        return new BrokerPublisher(rabbit, properties, status);
    }

    @Bean
    ConfigurerModule brokerPublisherProcessor(ProjectionProperties projections) {
        return configurer -> configurer.eventProcessing(processing ->
                DownstreamProcessors.register(processing, BrokerPublisher.PROCESSOR, projections, true));
    }

    @Bean
    BrokerMetrics brokerMetrics(MeterRegistry registry, ProcessorLag lag, BrokerStatus status) {
        return new BrokerMetrics(registry, lag, status);
    }

    @Bean
    BrokerReconnector brokerReconnector(ConnectionFactory connectionFactory, AmqpAdmin admin,
                                        EventProcessingConfiguration processing, BrokerStatus status,
                                        BrokerProperties properties, TaskScheduler scheduler) {
        return new BrokerReconnector(connectionFactory, admin, processing, status, properties, scheduler);
    }
}
