package io.workspaces.cli;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Both sides of the service as real processes on a fresh PostgreSQL database of their own, started once for
 * the whole test run (the first test class that needs them starts them; JUnit closes them after the last
 * test) and shared by every test class that uses this extension.
 */
final class CliServices implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final String SECRET = "cli-test-only-hmac-secret-0123456789-abcdef";
    static final String ISSUER = "workspaces-cli-test";
    static final String DB_USER = env("WORKSPACES_DB_USER", "postgres");
    static final String DB_PASSWORD = env("WORKSPACES_DB_PASSWORD", "");
    static final String DB_SERVER = env("WORKSPACES_DB_URL", "jdbc:postgresql://localhost:5432/workspaces")
            .replaceFirst("^(jdbc:postgresql://[^/?]+)/.*$", "$1");

    private static volatile CliServices running;

    final String databaseUrl = DB_SERVER + "/workspaces_cli_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final ServiceProcess command = new ServiceProcess(ServiceProcess.Side.COMMAND, databaseUrl);
    final ServiceProcess query = new ServiceProcess(ServiceProcess.Side.QUERY, databaseUrl);

    /** The running services (for a test class extended with this). */
    static CliServices get() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(CliServices.class)");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(CliServices.class, key -> {
            CliServices services = new CliServices();
            services.start();
            running = services;
            return services;
        }, CliServices.class);
    }

    private void start() {
        execute(DB_SERVER + "/postgres", "CREATE DATABASE " + databaseName());
        try {
            command.start();
            query.start();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> command.healthy() && query.healthy());
            CliProcess.recordArchive(command.baseUrl(), query.baseUrl(), token("alice"));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        List.of(command, query).parallelStream().forEach(ServiceProcess::stop);
        execute(DB_SERVER + "/postgres", "DROP DATABASE IF EXISTS " + databaseName() + " WITH (FORCE)");
        running = null;
    }

    /** Runs SQL against the services' database (e.g. to tamper with the audit chain). */
    int update(String sql) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String queryString(String sql) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token the services accept, for a principal with these platform roles. */
    static String token(String principal, String... roles) {
        return LocalTokens.mint(SECRET, ISSUER, principal, List.of(roles), java.time.Instant.now(), 3600);
    }

    private String databaseName() {
        return databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not usable at " + url + " as " + DB_USER + " (" + e.getMessage()
                    + "); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
