package io.workspaces.common.db;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the configured PostgreSQL database if it does not exist, before Flyway migrates it, so a newcomer
 * needs nothing but a running server. Fails start-up with one clear sentence when the server is unreachable.
 */
public class DatabaseCreator implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCreator.class);
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/?]+)/([A-Za-z0-9_]+)(\\?.*)?$");

    private final boolean enabled;

    public DatabaseCreator(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (enabled && bean instanceof HikariDataSource dataSource) {
            ensureExists(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
        }
        return bean;
    }

    public static void ensureExists(String jdbcUrl, String user, String password) {
        Matcher url = URL.matcher(jdbcUrl);
        if (!url.matches()) {
            log.info("not a plain PostgreSQL URL with a database name; not creating the database");
            return;
        }
        String hostAndPort = url.group(1);
        String database = url.group(2);
        String maintenanceUrl = "jdbc:postgresql://" + hostAndPort + "/postgres" + (url.group(3) == null ? "" : url.group(3));
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password)) {
            if (!exists(connection, database)) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database + "\"");
                    log.info("created database {}", database);
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) { // another node was first
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(hostAndPort, database, e);
        }
    }

    public static void drop(String jdbcUrl, String user, String password) {
        Matcher url = URL.matcher(jdbcUrl);
        if (!url.matches()) {
            return;
        }
        String maintenanceUrl = "jdbc:postgresql://" + url.group(1) + "/postgres";
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password);
             Statement drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS \"" + url.group(2) + "\" WITH (FORCE)");
        } catch (SQLException e) {
            log.warn("could not drop database {}: {}", url.group(2), e.getMessage());
        }
    }

    private static boolean exists(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
