package io.workspaces.query.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Webhook delivery ({@code workspaces.webhooks.*}, see query-side.yml): the waits between the attempts of one
 * delivery (one more attempt than waits; after the last failure the delivery is dead-lettered), the jitter applied
 * to each wait (a fraction: 0.2 draws it from 80 % to 120 %), the timeout of one request, how many deliveries one
 * node sends at once, how often a node looks for due deliveries (retries, and events another node recorded), and
 * the outbound address policy's exceptions: internal hosts and blocks that receivers may use, and the allowed ports.
 * A bad setting stops the start with a message naming it.
 */
@ConfigurationProperties("workspaces.webhooks")
record WebhookProperties(List<Duration> retrySchedule, double retryJitter, Duration requestTimeout,
                                int concurrency, Duration pollInterval, List<String> allowedHosts,
                                List<String> allowedPorts) {

    public WebhookProperties {
        retrySchedule = List.copyOf(retrySchedule);
        if (retrySchedule.stream().anyMatch(wait -> wait.isNegative() || wait.isZero())) {
            throw new IllegalArgumentException("workspaces.webhooks.retry-schedule: every wait must be positive");
        }
        if (retryJitter < 0 || retryJitter >= 1) {
            throw new IllegalArgumentException("workspaces.webhooks.retry-jitter must be at least 0 and below 1");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || pollInterval.isNegative()
                || pollInterval.isZero()) {
            throw new IllegalArgumentException("workspaces.webhooks: request-timeout and poll-interval must be positive");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("workspaces.webhooks.concurrency must be at least 1");
        }
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        allowedPorts = allowedPorts == null ? List.of() : List.copyOf(allowedPorts);
        AllowedHosts.parse(allowedHosts);
        AllowedPorts.parse(allowedPorts);
    }

    /** How long a dispatcher holds a delivery it is sending: past the request timeout, with a margin. */
    public Duration lease() {
        return requestTimeout.multipliedBy(2).plusSeconds(30);
    }

    AllowedHosts hostAllowList() {
        return AllowedHosts.parse(allowedHosts);
    }

    AllowedPorts portAllowList() {
        return AllowedPorts.parse(allowedPorts);
    }
}
