package io.workspaces.query.projection;

import io.workspaces.common.eventstore.WakeableEventStore;
import io.workspaces.common.web.Failures;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes this node's event processors when events are appended, instead of having them poll the log: one
 * connection of its own (outside the pool) {@code LISTEN}s on the channel that the command side notifies once its
 * appends have committed (its {@code AppendNotifier}, at most once per {@code notify-window} and command node), and
 * each notification makes the event store read
 * the head of the log at once ({@link WakeableEventStore#wakeReaders()}). An idle node therefore sends PostgreSQL
 * nothing but the store's read every {@code workspaces.event-store.idle-fetch-delay} (a safety net) and this
 * connection's check every {@value #CHECK_MILLIS} ms.
 *
 * <p>Under load, two reads woken by notifications are at least {@code workspaces.event-store.fetch-delay} apart
 * (the first one after a quiet spell goes at once): the processors then apply what accumulated in one batch and
 * one commit each, as they did when they polled at that interval.
 *
 * <p>When the connection is lost (PostgreSQL restarted, the backend terminated) the node reads the log every
 * {@code fetch-delay}, as if it polled, and connects again every second; once listening again it reads the log
 * at once, so that nothing appended in between waits. Nothing is ever skipped either way: a notification only
 * says when to read, and every read starts from the processors' tokens.
 */
@Component
// not on a read-only node: a hot standby refuses LISTEN (that node polls, see EventStoreConfiguration)
@ConditionalOnExpression("${workspaces.event-store.notifications:false} and !${workspaces.read-only:false}")
class EventLogListener implements SmartLifecycle {

    /** The channel the command side notifies after its appends (its {@code AppendNotifier.CHANNEL}). */
    public static final String CHANNEL = "domain_event_appended";
    /** The listening connection's {@code application_name} in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "workspaces-event-listener";
    /** How long the connection may stay silent before it is checked (a network that drops it silently). */
    static final int CHECK_MILLIS = 30_000;
    private static final long RECONNECT_NANOS = Duration.ofSeconds(1).toNanos();

    private static final Logger log = LoggerFactory.getLogger(EventLogListener.class);

    private final WakeableEventStore eventStore;
    private final DataSourceProperties dataSource;
    private final long minIntervalNanos;
    private final AtomicLong wakeUps = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Connection connection;
    private volatile Thread thread;
    private long lastWake = System.nanoTime() - Duration.ofHours(1).toNanos();

    public EventLogListener(WakeableEventStore eventStore, DataSourceProperties dataSource,
                            @Value("${workspaces.event-store.fetch-delay:50ms}") Duration fetchDelay) {
        this.eventStore = eventStore;
        this.dataSource = dataSource;
        this.minIntervalNanos = fetchDelay.toNanos();
    }

    /** True while the connection listens (for tests and operators). */
    public boolean isListening() {
        return listening;
    }

    /** How many times this node has started listening (1 + reconnections). */
    public long connections() {
        return connections.get();
    }

    /** How many times the event store was woken, by notifications and while not listening. */
    public long wakeUps() {
        return wakeUps.get();
    }

    @Override
    public void start() {
        running = true;
        Thread listener = new Thread(this::run, "event-log-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        closeQuietly(connection);
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        boolean lost = false;
        while (running) {
            try {
                listen(lost);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                closeQuietly(connection);
                connection = null;
                if (!running) {
                    return;
                }
                if (!lost) {
                    log.warn("not listening for appended events ({}): reading the log every {} ms until listening "
                            + "again", Failures.describe(e), minIntervalNanos / 1_000_000);
                }
                lost = true;
            }
            if (running && !pollFor(RECONNECT_NANOS)) {
                return;
            }
        }
    }

    /** Listens until the connection fails (an exception) or the node stops. */
    private void listen(boolean reconnecting) throws SQLException {
        Connection listener = connect();
        connection = listener;
        if (!running) {
            closeQuietly(listener);
            return;
        }
        PGConnection notifications = listener.unwrap(PGConnection.class);
        try (Statement statement = listener.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        listening = true;
        connections.incrementAndGet();
        if (reconnecting) {
            log.info("listening for appended events again");
        }
        // whatever was appended while nobody listened
        wake();
        while (running) {
            PGNotification[] received = notifications.getNotifications(CHECK_MILLIS);
            if (received != null && received.length > 0) {
                if (!awaitMinInterval()) {
                    return;
                }
                notifications.getNotifications(-1);
                wake();
            } else if (running && !listener.isValid(5)) {
                throw new SQLException("the listening connection does not answer");
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (dataSource.determineUsername() != null) {
            properties.setProperty("user", dataSource.determineUsername());
        }
        if (dataSource.determinePassword() != null) {
            properties.setProperty("password", dataSource.determinePassword());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(dataSource.determineUrl(), properties);
    }

    /** Waits until {@code fetch-delay} has passed since the last wake-up; false if the node stops meanwhile. */
    private boolean awaitMinInterval() {
        long wait = minIntervalNanos - (System.nanoTime() - lastWake);
        if (wait <= 0) {
            return true;
        }
        try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** While not listening: wakes the store every {@code fetch-delay} for {@code nanos}; false if the node stops. */
    private boolean pollFor(long nanos) {
        long until = System.nanoTime() + nanos;
        while (running && System.nanoTime() < until) {
            wake();
            try {
                Thread.sleep(Math.max(1, minIntervalNanos / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return running;
    }

    private void wake() {
        lastWake = System.nanoTime();
        wakeUps.incrementAndGet();
        eventStore.wakeReaders();
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // closing a connection that is already gone
            }
        }
    }
}
