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
import java.util.function.Supplier;

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
        this.backlog = readAtMostEvery(backlogMaxAge, deliveries::backlog, NO_BACKLOG, "the pending webhook deliveries");
        this.finished = readAtMostEvery(totalsMaxAge, deliveries::finished, NO_TOTALS, "the webhook deliveries");
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

    /** A value read at most once per {@code maxAge}; {@code unknown} (and a warning) when it could not be read. */
    private static <T> LoadingCache<Boolean, T> readAtMostEvery(Duration maxAge, Supplier<T> read, T unknown,
                                                                String what) {
        return Caffeine.newBuilder().expireAfterWrite(maxAge).build(key -> {
            try {
                return read.get();
            } catch (RuntimeException e) {
                log.warn("could not count {}: {}", what, Failures.describe(e));
                return unknown;
            }
        });
    }

    /** A count, or NaN where it could not be read. */
    private static double known(long count) {
        return count < 0 ? Double.NaN : count;
    }
}
