package io.workspaces.query.webhook;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.workspaces.common.web.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * {@code workspaces_webhook_deliveries{status}}: the outbox's deliveries by where they stand, across all query
 * nodes: {@code pending} (due, not attempted in their current round yet), {@code retrying} (pending after a
 * failed attempt), {@code delivered} and {@code dead}. The first two (the backlog, read through the index of
 * pending deliveries) are measured at most every {@code workspaces.metrics.max-age}; the totals of delivered and
 * dead, which count the whole table, at most every {@code workspaces.metrics.webhook-totals-max-age}.
 *
 * <p>{@code workspaces_webhook_attempts_total{outcome}}: attempts this node made, by outcome: {@code delivered}
 * or the failure's class as the attempt log records it ({@code timeout}, {@code unreachable}, {@code http-5xx}...).
 */
@Component
class WebhookMetrics {

    private static final Logger log = LoggerFactory.getLogger(WebhookMetrics.class);
    private static final WebhookDeliveries.Backlog NO_BACKLOG = new WebhookDeliveries.Backlog(-1, -1);
    private static final WebhookDeliveries.Finished NO_TOTALS = new WebhookDeliveries.Finished(-1, -1);

    private final LoadingCache<Boolean, WebhookDeliveries.Backlog> backlog;
    private final LoadingCache<Boolean, WebhookDeliveries.Finished> finished;
    private final Counter delivered;
    private final Counter[] failed;

    WebhookMetrics(MeterRegistry registry, WebhookDeliveries deliveries,
                   @Value("${workspaces.metrics.max-age:5s}") Duration backlogMaxAge,
                   @Value("${workspaces.metrics.webhook-totals-max-age:60s}") Duration totalsMaxAge) {
        this.backlog = Caffeine.newBuilder().expireAfterWrite(backlogMaxAge).build(key -> {
            try {
                return deliveries.backlog();
            } catch (RuntimeException e) {
                log.warn("could not count the pending webhook deliveries: {}", Failures.describe(e));
                return NO_BACKLOG;
            }
        });
        this.finished = Caffeine.newBuilder().expireAfterWrite(totalsMaxAge).build(key -> {
            try {
                return deliveries.finished();
            } catch (RuntimeException e) {
                log.warn("could not count the webhook deliveries: {}", Failures.describe(e));
                return NO_TOTALS;
            }
        });
        String name = "workspaces.webhook.deliveries";
        String description = "Webhook deliveries in the outbox, by status";
        Gauge.builder(name, this, m -> known(m.backlog.get(true).pending())).tag("status", "pending")
                .description(description).register(registry);
        Gauge.builder(name, this, m -> known(m.backlog.get(true).retrying())).tag("status", "retrying")
                .description(description).register(registry);
        Gauge.builder(name, this, m -> known(m.finished.get(true).delivered())).tag("status", "delivered")
                .description(description).register(registry);
        Gauge.builder(name, this, m -> known(m.finished.get(true).dead())).tag("status", "dead")
                .description(description).register(registry);
        String attempts = "workspaces.webhook.attempts";
        this.delivered = Counter.builder(attempts).tag("outcome", "delivered")
                .description("Webhook attempts made by this node, by outcome").register(registry);
        AttemptFailure[] failures = AttemptFailure.values();
        this.failed = new Counter[failures.length];
        for (AttemptFailure failure : failures) {
            failed[failure.ordinal()] = Counter.builder(attempts).tag("outcome", failure.value())
                    .description("Webhook attempts made by this node, by outcome").register(registry);
        }
    }

    void attempted(AttemptOutcome outcome) {
        (outcome.succeeded() ? delivered : failed[outcome.failure().ordinal()]).increment();
    }

    /** A count, or NaN where it could not be read. */
    private static double known(long count) {
        return count < 0 ? Double.NaN : count;
    }
}
