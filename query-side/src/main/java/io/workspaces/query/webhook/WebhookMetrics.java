package io.workspaces.query.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.workspaces.common.web.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbc;
    private final long backlogMaxAge;
    private final long totalsMaxAge;
    private final Counter delivered;
    private final Counter[] failed;
    private long backlogAt;
    private long totalsAt;
    private double pending = Double.NaN;
    private double retrying = Double.NaN;
    private double deliveredTotal = Double.NaN;
    private double dead = Double.NaN;

    WebhookMetrics(MeterRegistry registry, JdbcTemplate jdbc,
                   @Value("${workspaces.metrics.max-age:5s}") Duration backlogMaxAge,
                   @Value("${workspaces.metrics.webhook-totals-max-age:60s}") Duration totalsMaxAge) {
        this.jdbc = jdbc;
        this.backlogMaxAge = backlogMaxAge.toNanos();
        this.totalsMaxAge = totalsMaxAge.toNanos();
        String deliveries = "workspaces.webhook.deliveries";
        String description = "Webhook deliveries in the outbox, by status";
        Gauge.builder(deliveries, this, WebhookMetrics::pending).tag("status", "pending").description(description)
                .register(registry);
        Gauge.builder(deliveries, this, WebhookMetrics::retrying).tag("status", "retrying").description(description)
                .register(registry);
        Gauge.builder(deliveries, this, WebhookMetrics::delivered).tag("status", "delivered").description(description)
                .register(registry);
        Gauge.builder(deliveries, this, WebhookMetrics::dead).tag("status", "dead").description(description)
                .register(registry);
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

    private synchronized double pending() {
        refreshBacklog();
        return pending;
    }

    private synchronized double retrying() {
        refreshBacklog();
        return retrying;
    }

    private synchronized double delivered() {
        refreshTotals();
        return deliveredTotal;
    }

    private synchronized double dead() {
        refreshTotals();
        return dead;
    }

    private void refreshBacklog() {
        long now = System.nanoTime();
        if (backlogAt != 0 && now - backlogAt < backlogMaxAge) {
            return;
        }
        backlogAt = now;
        try {
            jdbc.query("SELECT count(*) FILTER (WHERE attempts = round_start), count(*) FILTER (WHERE attempts > "
                    + "round_start) FROM webhook_delivery WHERE status = 'pending'", rs -> {
                pending = rs.getLong(1);
                retrying = rs.getLong(2);
            });
        } catch (RuntimeException e) {
            pending = retrying = Double.NaN;
            log.warn("could not count the pending webhook deliveries: {}", Failures.describe(e));
        }
    }

    private void refreshTotals() {
        long now = System.nanoTime();
        if (totalsAt != 0 && now - totalsAt < totalsMaxAge) {
            return;
        }
        totalsAt = now;
        try {
            jdbc.query("SELECT count(*) FILTER (WHERE status = 'delivered'), count(*) FILTER (WHERE status = 'dead') "
                    + "FROM webhook_delivery", rs -> {
                deliveredTotal = rs.getLong(1);
                dead = rs.getLong(2);
            });
        } catch (RuntimeException e) {
            deliveredTotal = dead = Double.NaN;
            log.warn("could not count the webhook deliveries: {}", Failures.describe(e));
        }
    }
}
