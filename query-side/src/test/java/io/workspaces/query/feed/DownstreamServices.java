package io.workspaces.query.feed;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.support.RunningServices;
import io.workspaces.query.webhook.ScriptedHosts;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.UUID;

/**
 * The stack the downstream tests run against, started once per test JVM: the command side and a query side on a
 * database of their own (so no other query side in this JVM takes their processors' segments), publishing to
 * the machine's RabbitMQ through a {@link TcpProxy} the tests can cut, into an exchange named for this run, with
 * webhook retries, heartbeats and polls shortened to test speed, webhooks allowed to the local receivers, host
 * names resolved by {@link ScriptedHosts}, and development authentication beside bearer tokens. Everything is
 * removed when the JVM ends.
 */
public final class DownstreamServices {

    public static final String BROKER_HOST = env("WORKSPACES_BROKER_HOST", "127.0.0.1");
    public static final int BROKER_PORT = Integer.parseInt(env("WORKSPACES_BROKER_PORT", "5672"));
    public static final String BROKER_USER = env("WORKSPACES_BROKER_USER", "guest");
    public static final String BROKER_PASSWORD = env("WORKSPACES_BROKER_PASSWORD", "guest");
    /** Three waits: four attempts, the last about 0.6 s after the first. */
    public static final String RETRY_SCHEDULE = "100ms,200ms,300ms";
    public static final int ATTEMPTS = 4;
    /** The webhook receivers' address: internal, so allowed explicitly. */
    public static final String ALLOWED_HOSTS = "127.0.0.1/32";
    /** 80 and 443 for the example.com subscriptions of the API tests; the receivers' ephemeral ports. */
    public static final String ALLOWED_PORTS = "80,443,1024-65535";

    private static DownstreamServices running;

    private final String databaseUrl = TestDatabase.URL + "_downstream";
    private final String exchange = "workspaces-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final TcpProxy brokerProxy;
    private final ConfigurableApplicationContext commandSide;
    private final JdbcTemplate jdbc;
    private volatile ConfigurableApplicationContext querySide;

    private DownstreamServices() throws IOException {
        requireBroker();
        brokerProxy = new TcpProxy(BROKER_HOST, BROKER_PORT);
        commandSide = RunningServices.commandSide(databaseUrl, TestDatabase.USER, TestDatabase.PASSWORD);
        jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, TestDatabase.USER, TestDatabase.PASSWORD));
        querySide = newQuerySide();
    }

    public static synchronized DownstreamServices get() {
        if (running == null) {
            try {
                running = new DownstreamServices();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
        }
        return running;
    }

    public Api command() {
        return new Api(RunningServices.baseUrl(commandSide));
    }

    public Api query() {
        return new Api(RunningServices.baseUrl(querySide));
    }

    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public TcpProxy brokerProxy() {
        return brokerProxy;
    }

    public String exchange() {
        return exchange;
    }

    /** Stops the query side, as for a deployment; {@link #startQuerySide()} brings it back on the same database. */
    public synchronized void stopQuerySide() {
        querySide.close();
    }

    public synchronized void startQuerySide() {
        if (!querySide.isActive()) {
            querySide = newQuerySide();
        }
    }

    private ConfigurableApplicationContext newQuerySide() {
        return RunningServices.querySide(List.of(ScriptedHosts.class), databaseUrl, TestDatabase.USER,
                TestDatabase.PASSWORD,
                "--workspaces.broker.enabled=true",
                "--workspaces.broker.exchange=" + exchange,
                "--workspaces.broker.probe-interval=200ms",
                "--workspaces.broker.confirm-timeout=3s",
                "--spring.rabbitmq.host=127.0.0.1",
                "--spring.rabbitmq.port=" + brokerProxy.port(),
                "--spring.rabbitmq.username=" + BROKER_USER,
                "--spring.rabbitmq.password=" + BROKER_PASSWORD,
                "--workspaces.webhooks.retry-schedule=" + RETRY_SCHEDULE,
                "--workspaces.webhooks.poll-interval=50ms",
                "--workspaces.webhooks.request-timeout=2s",
                // the receivers listen on 127.0.0.1 on ephemeral ports
                "--workspaces.webhooks.allowed-hosts=" + ALLOWED_HOSTS,
                "--workspaces.webhooks.allowed-ports=" + ALLOWED_PORTS,
                "--workspaces.feed.poll-interval=100ms",
                "--workspaces.feed.heartbeat-interval=300ms",
                // the metrics measure afresh at each scrape of the tests
                "--workspaces.metrics.max-age=100ms",
                "--workspaces.metrics.webhook-totals-max-age=100ms",
                // requests without a bearer token may name their caller in headers (streams without expiry)
                "--workspaces.security.dev-auth.enabled=true");
    }

    private static void requireBroker() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(BROKER_HOST, BROKER_PORT), 2000);
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ is not reachable at " + BROKER_HOST + ":" + BROKER_PORT
                    + "; start it (rabbitmq-server -detached) or point WORKSPACES_BROKER_HOST / "
                    + "WORKSPACES_BROKER_PORT at a running one");
        }
    }

    private void stop() {
        try {
            if (querySide.isActive()) {
                querySide.close();
            }
            commandSide.close();
        } finally {
            brokerProxy.close();
            TestBroker.deleteExchange(exchange);
            DatabaseCreator.drop(databaseUrl, TestDatabase.USER, TestDatabase.PASSWORD);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
