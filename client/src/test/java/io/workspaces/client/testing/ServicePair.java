package io.workspaces.client.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Both sides of the service as real processes on a PostgreSQL database of their own, made on {@link #start()}
 * and dropped on {@link #close()}.
 */
public final class ServicePair implements AutoCloseable {

    public static final String DB_USER = env("WORKSPACES_DB_USER", "postgres");
    public static final String DB_PASSWORD = env("WORKSPACES_DB_PASSWORD", "");
    private static final String DB_SERVER = env("WORKSPACES_DB_URL", "jdbc:postgresql://localhost:5432/workspaces")
            .replaceFirst("^(jdbc:postgresql://[^/?]+)/.*$", "$1");

    public final String databaseUrl;
    public final ServiceProcess command;
    public final ServiceProcess query;

    /** Its database is workspaces_{name}_test_{random}; its logs go to target/{name}-test-logs. */
    public ServicePair(String name, TestIdentity identity) {
        this.databaseUrl = DB_SERVER + "/workspaces_" + name + "_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.command = new ServiceProcess(ServiceProcess.Side.COMMAND, databaseUrl, identity, name);
        this.query = new ServiceProcess(ServiceProcess.Side.QUERY, databaseUrl, identity, name);
    }

    /** Makes the database, starts both sides and waits until both are healthy; closes all of it on failure. */
    public ServicePair start() {
        execute(DB_SERVER + "/postgres", "CREATE DATABASE " + databaseName());
        try {
            command.start();
            query.start();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> command.healthy() && query.healthy());
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        List.of(command, query).parallelStream().forEach(ServiceProcess::stop);
        execute(DB_SERVER + "/postgres", "DROP DATABASE IF EXISTS " + databaseName() + " WITH (FORCE)");
    }

    /** Runs a statement against the services' database (e.g. to tamper with the audit chain); rows changed. */
    public int update(String sql) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of a query against the services' database, or null. */
    public String queryString(String sql) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String databaseName() {
        return databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not usable at " + url + " as " + DB_USER + " ("
                    + e.getMessage() + "); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql)"
                    + " main start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
