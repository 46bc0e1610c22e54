package io.workspaces.query.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Publishing to RabbitMQ ({@code workspaces.broker.*}, see query-side.yml; the connection itself is Spring's
 * {@code spring.rabbitmq.*}): whether to publish, to which topic exchange, how long to wait for the broker to
 * confirm a batch, and how often to look whether a broker that went away is back.
 */
@ConfigurationProperties("workspaces.broker")
record BrokerProperties(boolean enabled, String exchange, Duration confirmTimeout, Duration probeInterval) {

    public BrokerProperties {
        if (exchange == null || exchange.isBlank()) {
            throw new IllegalArgumentException("workspaces.broker.exchange must name an exchange");
        }
        if (confirmTimeout.isNegative() || confirmTimeout.isZero() || probeInterval.isNegative()
                || probeInterval.isZero()) {
            throw new IllegalArgumentException("workspaces.broker: confirm-timeout and probe-interval must be positive");
        }
    }
}
