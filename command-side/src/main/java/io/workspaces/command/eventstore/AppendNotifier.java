package io.workspaces.command.eventstore;

import io.workspaces.common.eventstore.AppendListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells the query side that events were appended: {@code SELECT pg_notify('domain_event_appended', '')} on the
 * channel its EventLogListener listens on, in a statement of its own on a pooled connection, after the appending
 * transaction has committed (never inside it: a transaction that notifies holds PostgreSQL's notification-queue
 * lock until its commit is flushed, which makes concurrent writes commit one at a time).
 *
 * <p>Debounced per node: at most one notification per {@code workspaces.event-store.notify-window}. The first
 * append after a quiet window is notified at once; appends during a window are covered by one notification at the
 * window's end, so the last append is always notified. The notifications are sent by one background thread: an
 * append only sets a flag and, at most once per window, schedules that thread; the request never waits for it. A
 * failed notification is logged once (the query side reads the log anyway every idle-fetch-delay) and the next
 * append tries again.
 */
@Component
@ConditionalOnProperty(name = "workspaces.event-store.notify-appends", havingValue = "true", matchIfMissing = true)
class AppendNotifier implements AppendListener, DisposableBean {

    /** The channel the query side listens on. */
    public static final String CHANNEL = "domain_event_appended";

    private static final Logger log = LoggerFactory.getLogger(AppendNotifier.class);

    private final DataSource dataSource;
    private final long windowNanos;
    private final ThreadPoolTaskScheduler scheduler;
    /** A notification is scheduled that has not started yet: it covers every append committed before it starts. */
    private final AtomicBoolean pending = new AtomicBoolean();
    /** When the next notification may be sent ({@link System#nanoTime()}). */
    private volatile long nextAllowed = System.nanoTime();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();

    public AppendNotifier(DataSource dataSource,
                          @Value("${workspaces.event-store.notify-window:50ms}") Duration window) {
        this.dataSource = dataSource;
        this.windowNanos = Math.max(0, window.toNanos());
        this.scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("append-notifier-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    @Override
    public void appendCommitted() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(0, nextAllowed - System.nanoTime());
        try {
            scheduler.schedule(this::notifyAppended, Instant.now().plusNanos(delay));
        } catch (RejectedExecutionException shuttingDown) {
            pending.set(false);
        }
    }

    /** Notifications sent so far by this node. */
    public long notificationsSent() {
        return sent.get();
    }

    private void notifyAppended() {
        nextAllowed = System.nanoTime() + windowNanos;
        // appends committed from now on are not covered by this notification: they schedule the next one
        pending.set(false);
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_notify('" + CHANNEL + "', '')");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            sent.incrementAndGet();
            if (failing.compareAndSet(true, false)) {
                log.info("Notifying the query side of appends again");
            }
        } catch (Exception e) {
            if (failing.compareAndSet(false, true)) {
                log.warn("Could not notify the query side of an append ({}); it reads the event log on its own "
                        + "every idle-fetch-delay until a notification gets through", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
