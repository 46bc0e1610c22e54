package io.workspaces.query.broker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.workspaces.query.projection.ProcessorLag;

/**
 * {@code workspaces_broker_publish_lag_events}: the events the publisher has not had confirmed by RabbitMQ yet
 * (the lag of its processor); {@code workspaces_broker_connected}: 1 while the broker accepted this node's last
 * connection probe (made by {@link BrokerReconnector}, never during a scrape) and publishing is not paused by a
 * failure, else 0.
 */
class BrokerMetrics {

    BrokerMetrics(MeterRegistry registry, ProcessorLag lag, BrokerStatus status) {
        Gauge.builder("workspaces.broker.publish.lag.events", lag, l -> l.of(BrokerPublisher.PROCESSOR).events())
                .description("Events not yet published to RabbitMQ (and confirmed by it)")
                .register(registry);
        Gauge.builder("workspaces.broker.connected", status, s -> s.connected() ? 1 : 0)
                .description("1 while connected to RabbitMQ with publishing not paused, else 0")
                .register(registry);
    }
}
