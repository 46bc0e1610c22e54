package io.workspaces.query.webhook;

import io.workspaces.common.db.DatabaseConfiguration;
import io.workspaces.common.web.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the pending deliveries of the outbox, on every query node. A dispatch claims due deliveries (leased, so
 * nodes never send the same one at once) for as many senders as are free and hands them to the senders. It runs
 * on the webhook scheduler's single thread, so never twice at once: when the outbox records new deliveries on this
 * node (its {@link WebhookConfiguration.DeliveriesRecorded} signal), when a sender finishes, and every
 * {@code poll-interval} (retries falling due, deliveries recorded by another node). A failed attempt is retried on
 * the schedule; after the last one the delivery is dead.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final TaskExecutor senders;
    private final TaskScheduler scheduler;
    private final WebhookMetrics metrics;
    private final Semaphore freeSenders;
    /** A dispatch is queued on the scheduler and has not started yet: further wake-ups need not queue another. */
    private final AtomicBoolean dispatchQueued = new AtomicBoolean();
    private volatile boolean running;
    /** False on a read-only node: it claims no deliveries (nodes on the primary send them). */
    private final boolean autoStartup;
    private ScheduledFuture<?> polling;

    WebhookDispatcher(WebhookDeliveries deliveries, WebhookSender sender, WebhookProperties properties,
                      WebhookConfiguration.DeliveriesRecorded recorded,
                      @Qualifier(WebhookConfiguration.SENDERS) TaskExecutor senders,
                      @Qualifier(WebhookConfiguration.SCHEDULER) TaskScheduler scheduler, WebhookMetrics metrics,
                      Environment environment) {
        this.autoStartup = !DatabaseConfiguration.readOnly(environment);
        this.deliveries = deliveries;
        this.sender = sender;
        this.properties = properties;
        this.schedule = RetrySchedule.of(properties);
        this.senders = senders;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.freeSenders = new Semaphore(properties.concurrency());
        recorded.signal().subscribe(this::wake);
    }

    /** Makes the dispatcher look for due deliveries now. */
    public void wake() {
        if (running && dispatchQueued.compareAndSet(false, true)) {
            try {
                scheduler.schedule(this::dispatch, Instant.now());
            } catch (TaskRejectedException stopping) {
                dispatchQueued.set(false);
            }
        }
    }

    private void dispatch() {
        dispatchQueued.set(false);
        if (!running) {
            return;
        }
        try {
            int free = freeSenders.availablePermits();
            List<ClaimedDelivery> claimed = free == 0 ? List.of() : deliveries.claim(free, properties.lease());
            for (ClaimedDelivery delivery : claimed) {
                freeSenders.acquireUninterruptibly();
                try {
                    senders.execute(() -> {
                        try {
                            attempt(delivery);
                        } finally {
                            freeSenders.release();
                            wake();
                        }
                    });
                } catch (TaskRejectedException stopping) {
                    // the node is stopping: the delivery is attempted again when its lease runs out
                    freeSenders.release();
                }
            }
            if (!claimed.isEmpty() && freeSenders.availablePermits() > 0) {
                wake(); // there may be more due than were claimed
            }
        } catch (RuntimeException e) {
            log.warn("webhook dispatcher could not claim deliveries: {}; trying again shortly", Failures.describe(e));
        }
    }

    private void attempt(ClaimedDelivery delivery) {
        AttemptOutcome outcome;
        try {
            outcome = sender.send(delivery);
        } catch (RuntimeException e) {
            log.warn("webhook delivery {} could not be attempted: {}; it will be attempted again when its lease "
                    + "runs out", delivery.id(), Failures.describe(e));
            return;
        }
        metrics.attempted(outcome);
        Optional<Duration> retry = outcome.succeeded() ? Optional.empty() : schedule.waitAfter(delivery.roundAttempt());
        try {
            deliveries.record(delivery, outcome, retry);
        } catch (RuntimeException e) {
            log.warn("webhook delivery {} was attempted but its outcome could not be recorded: {}; it will be "
                    + "attempted again when its lease runs out", delivery.id(), Failures.describe(e));
            return;
        }
        if (!outcome.succeeded()) {
            log.warn("webhook delivery {} (subscription {}, event at position {}) failed on attempt {} of {}: {} ({}); {}",
                    delivery.id(), delivery.subscriptionId(), delivery.position(), delivery.roundAttempt(),
                    schedule.attempts(), outcome.failure(), outcome.detail(),
                    retry.map(wait -> "next attempt in " + wait.toMillis() + " ms").orElse("dead-lettered"));
        }
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public void start() {
        running = true;
        polling = scheduler.scheduleWithFixedDelay(this::wake, properties.pollInterval());
    }

    /** Stops claiming, and waits for the attempts in flight to finish (or time out) and record their outcome. */
    @Override
    public void stop() {
        running = false;
        if (polling != null) {
            polling.cancel(false);
        }
        int senderCount = properties.concurrency();
        try {
            if (freeSenders.tryAcquire(senderCount, properties.requestTimeout().toMillis() + 5000,
                    TimeUnit.MILLISECONDS)) {
                freeSenders.release(senderCount);
            } else {
                log.warn("webhook attempts still in flight at shutdown; they are attempted again when their lease "
                        + "runs out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
