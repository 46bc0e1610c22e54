package io.workspaces.query.webhook;

import io.workspaces.common.web.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the pending deliveries of the outbox, on every query node: one loop claims due deliveries (leased, so
 * nodes never send the same one at once) as long as it has free senders, and sleeps until the outbox records new
 * ones on this node, a sender finishes, or {@code poll-interval} passes (retries falling due, deliveries recorded
 * by another node). A failed attempt is retried on the schedule; after the last one the delivery is dead.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final Object wakeUp = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;
    private Semaphore freeSenders;

    public WebhookDispatcher(WebhookDeliveries deliveries, WebhookSender sender, WebhookProperties properties,
                             WebhookConfiguration.DeliveriesRecorded recorded) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.properties = properties;
        this.schedule = RetrySchedule.of(properties);
        recorded.signal().subscribe(this::wake);
    }

    private void run() {
        while (running) {
            try {
                int free = freeSenders.availablePermits();
                List<ClaimedDelivery> claimed = free == 0 ? List.of() : deliveries.claim(free, properties.lease());
                for (ClaimedDelivery delivery : claimed) {
                    freeSenders.acquireUninterruptibly();
                    senders.execute(() -> {
                        try {
                            attempt(delivery);
                        } finally {
                            freeSenders.release();
                            wake();
                        }
                    });
                }
                if (claimed.isEmpty() || freeSenders.availablePermits() == 0) {
                    await(properties.pollInterval());
                }
            } catch (RuntimeException e) {
                log.warn("webhook dispatcher could not claim deliveries: {}; trying again shortly",
                        Failures.describe(e));
                await(properties.pollInterval());
            }
        }
    }

    private void attempt(ClaimedDelivery delivery) {
        AttemptOutcome outcome = sender.send(delivery);
        Optional<Duration> retry = outcome.succeeded() ? Optional.empty() : schedule.waitAfter(delivery.roundAttempt());
        try {
            deliveries.record(delivery, outcome, retry);
        } catch (RuntimeException e) {
            log.warn("webhook delivery {} was attempted but its outcome could not be recorded: {}; it will be "
                    + "attempted again when its lease runs out", delivery.id(), Failures.describe(e));
            return;
        }
        if (!outcome.succeeded()) {
            log.warn("webhook delivery {} (subscription {}, event at position {}) failed on attempt {} of {}: {}; {}",
                    delivery.id(), delivery.subscriptionId(), delivery.position(), delivery.roundAttempt(),
                    schedule.attempts(), outcome.error(),
                    retry.map(wait -> "next attempt in " + wait.toMillis() + " ms").orElse("dead-lettered"));
        }
    }

    /** Makes the loop look for due deliveries now. */
    public void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    private void await(Duration timeout) {
        synchronized (wakeUp) {
            try {
                if (!woken && running) {
                    wakeUp.wait(timeout.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            woken = false;
        }
    }

    @Override
    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.concurrency(), task -> {
            Thread thread = new Thread(task, "webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        freeSenders = new Semaphore(properties.concurrency());
        running = true;
        loop = new Thread(this::run, "webhook-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        try {
            loop.join(properties.pollInterval().toMillis() + 1000);
            senders.shutdown();
            // attempts in flight finish (or time out) and record their outcome before the database goes away
            senders.awaitTermination(properties.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }
}
