package io.workspaces.query.broker;

import io.workspaces.common.web.Failures;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * Looks every {@code probe-interval} whether RabbitMQ accepts a connection (what {@link BrokerStatus#connected()}
 * and the metrics report), and resumes publishing as soon as it is back. A failed batch puts the publisher's
 * processor into Axon's retry mode, whose wait doubles up to 60 s; when the broker is reachable while publishing is
 * paused, this declares the exchange again (a restarted broker may have lost it) and restarts the processor, which
 * then resumes from its token at once. It runs on the application's task scheduler.
 */
class BrokerReconnector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerReconnector.class);

    private final ConnectionFactory connectionFactory;
    private final AmqpAdmin admin;
    private final EventProcessingConfiguration processing;
    private final BrokerStatus status;
    private final BrokerProperties properties;
    private final TaskScheduler scheduler;
    private ScheduledFuture<?> probing;

    public BrokerReconnector(ConnectionFactory connectionFactory, AmqpAdmin admin,
                             EventProcessingConfiguration processing, BrokerStatus status, BrokerProperties properties,
                             TaskScheduler scheduler) {
        this.connectionFactory = connectionFactory;
        this.admin = admin;
        this.processing = processing;
        this.status = status;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    void check() {
        try {
            boolean reachable = brokerReachable();
            status.probed(reachable);
            if (!reachable || !status.paused() || !publisherFailing()) {
                return;
            }
            admin.initialize();
            log.info("RabbitMQ is reachable again; restarting the publisher");
            StreamingEventProcessor publisher = publisher();
            publisher.shutDown();
            publisher.start();
        } catch (RuntimeException e) {
            log.warn("could not resume publishing to RabbitMQ yet: {}", Failures.describe(e));
        }
    }

    private boolean publisherFailing() {
        return publisher().processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
    }

    private boolean brokerReachable() {
        try (Connection connection = connectionFactory.createConnection()) {
            return connection.isOpen();
        } catch (AmqpException unreachable) {
            return false;
        }
    }

    private StreamingEventProcessor publisher() {
        return processing.eventProcessor(BrokerPublisher.PROCESSOR, StreamingEventProcessor.class).orElseThrow();
    }

    @Override
    public synchronized void start() {
        probing = scheduler.scheduleWithFixedDelay(this::check, Instant.now(),
                properties.probeInterval());
    }

    @Override
    public synchronized void stop() {
        if (probing != null) {
            probing.cancel(false);
            probing = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return probing != null;
    }
}
