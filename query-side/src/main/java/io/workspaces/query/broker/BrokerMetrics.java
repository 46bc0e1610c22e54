package io.workspaces.query.broker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.workspaces.query.projection.ProcessorLag;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * {@code workspaces_broker_publish_lag_events}: the events the publisher has not had confirmed by RabbitMQ yet
 * (the lag of its processor); {@code workspaces_broker_connected}: 1 while this node has an open connection to
 * the broker and publishing is not paused by a failure, else 0. The connection is looked at every
 * {@value #CHECK_SECONDS} s on the task scheduler, never during a scrape (opening one can take the connection
 * timeout).
 */
class BrokerMetrics implements SmartLifecycle {

    static final long CHECK_SECONDS = 5;

    private final ConnectionFactory connectionFactory;
    private final BrokerStatus status;
    private final TaskScheduler scheduler;
    private volatile boolean connected;
    private ScheduledFuture<?> checking;

    BrokerMetrics(MeterRegistry registry, ProcessorLag lag, ConnectionFactory connectionFactory, BrokerStatus status,
                  TaskScheduler scheduler) {
        this.connectionFactory = connectionFactory;
        this.status = status;
        this.scheduler = scheduler;
        Gauge.builder("workspaces.broker.publish.lag.events", lag, l -> l.of(BrokerPublisher.PROCESSOR).events())
                .description("Events not yet published to RabbitMQ (and confirmed by it)")
                .register(registry);
        Gauge.builder("workspaces.broker.connected", this, metrics -> metrics.connected() ? 1 : 0)
                .description("1 while connected to RabbitMQ with publishing not paused, else 0")
                .register(registry);
    }

    boolean connected() {
        return connected && !status.paused();
    }

    void check() {
        if (status.paused()) {
            connected = false;
            return;
        }
        try (Connection connection = connectionFactory.createConnection()) {
            connected = connection.isOpen();
        } catch (AmqpException unreachable) {
            connected = false;
        }
    }

    @Override
    public synchronized void start() {
        checking = scheduler.scheduleWithFixedDelay(this::check, Instant.now(), Duration.ofSeconds(CHECK_SECONDS));
    }

    @Override
    public synchronized void stop() {
        if (checking != null) {
            checking.cancel(false);
            checking = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return checking != null;
    }
}
