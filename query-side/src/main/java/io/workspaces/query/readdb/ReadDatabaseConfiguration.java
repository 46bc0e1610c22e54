package io.workspaces.query.readdb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.workspaces.common.StartupRefusedException;
import io.workspaces.common.db.DatabaseConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A query node on the primary that serves its API's reads from a read database, usually a PostgreSQL hot standby
 * of the primary ({@code WORKSPACES_READ_DB_URL}, docs/operations.md "A read replica"). Only when that is set: the
 * data source bean becomes a {@link ReadRoutingDataSource} over the primary's pool and a read pool, and
 * {@link ReadRequests} routes the read requests' SQL to the latter. Everything else (migrations, projections, the
 * audit chain, webhooks, the broker publisher, every change) keeps using the primary. Without the setting nothing of
 * this exists: one pool, no filter.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReadDatabaseConfiguration.Configured.class)
public class ReadDatabaseConfiguration {

    public static final String URL = "workspaces.read-db.url";
    /** The {@code application_name} of the read pool's connections, unless the URL sets one. */
    public static final String APPLICATION_NAME = "workspaces-query-reads";
    private static final Logger log = LoggerFactory.getLogger(ReadDatabaseConfiguration.class);

    @Bean
    static BeanPostProcessor readDatabaseRouting(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if ("dataSource".equals(name) && bean instanceof HikariDataSource primary) {
                    return new ReadRoutingDataSource(primary, readPool(primary, environment));
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<ReadRequests> readRequests() {
        FilterRegistrationBean<ReadRequests> registration = new FilterRegistrationBean<>(new ReadRequests());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/v1/*");
        return registration;
    }

    /**
     * The read pool's {@code hikaricp_*} metrics, tagged {@code pool="read-db"} (Spring Boot instruments the primary's
     * pool, which it finds inside the routing data source): the pool-exhausted alert covers both.
     */
    @Bean
    SmartInitializingSingleton readPoolMetrics(DataSource dataSource, ObjectProvider<MeterRegistry> registry) {
        return () -> registry.ifAvailable(meters -> {
            if (dataSource instanceof ReadRoutingDataSource routing) {
                HikariDataSource read = routing.pools().get(1);
                if (read.getMetricsTrackerFactory() == null) {
                    read.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
                }
            }
        });
    }

    static HikariDataSource readPool(HikariDataSource primary, Environment environment) {
        if (DatabaseConfiguration.readOnly(environment)) {
            throw new StartupRefusedException("WORKSPACES_READ_DB_URL is for a query node on the primary; a read-only "
                    + "node (WORKSPACES_READ_ONLY=true) already reads everything from its WORKSPACES_DB_URL. Set one.");
        }
        String url = environment.getRequiredProperty(URL).trim();
        String where = where(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("read-db");
        config.setJdbcUrl(url);
        config.setUsername(environment.getProperty("workspaces.read-db.username", primary.getUsername()));
        config.setPassword(environment.getProperty("workspaces.read-db.password", primary.getPassword()));
        config.setMaximumPoolSize(environment.getProperty("workspaces.read-db.pool-size", Integer.class,
                primary.getMaximumPoolSize()));
        config.setConnectionTimeout(primary.getConnectionTimeout());
        config.setConnectionInitSql(primary.getConnectionInitSql());
        Properties properties = new Properties();
        properties.putAll(primary.getDataSourceProperties());
        // every transaction and statement read-only: a write sent here by mistake fails (25006, answered 503
        // read-only) on any database, as it would on a hot standby
        properties.setProperty("readOnlyMode", "always");
        // how its connections show in pg_stat_activity on the read database
        properties.putIfAbsent("ApplicationName", APPLICATION_NAME);
        config.setDataSourceProperties(properties);
        config.setReadOnly(true);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException unreachable) {
            throw new StartupRefusedException("WORKSPACES_READ_DB_URL: cannot connect to the read database at " + where
                    + " (" + reason(unreachable) + "). Start it, fix the setting, or unset it to read from the primary.");
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT pg_is_in_recovery(), to_regclass('token_entry') IS NOT NULL")) {
            row.next();
            log.info("API reads are served from the read database at {} ({}, pool of {}{}); projections, webhooks, "
                            + "the broker and every change use the primary", where,
                    row.getBoolean(1) ? "a hot standby" : "not a standby: it must be kept a copy of the primary",
                    config.getMaximumPoolSize(), row.getBoolean(2) ? "" : "; it has no query-side schema yet");
        } catch (SQLException | RuntimeException failed) {
            pool.close();
            throw new StartupRefusedException("WORKSPACES_READ_DB_URL: the read database at " + where
                    + " does not answer as a PostgreSQL copy of the primary (" + reason(failed) + ").");
        }
        return pool;
    }

    /** The URL without its parameters (which may carry credentials): host, port and database. */
    static String where(String url) {
        String bare = url.startsWith("jdbc:postgresql://") ? url.substring("jdbc:postgresql://".length()) : url;
        int parameters = bare.indexOf('?');
        bare = parameters < 0 ? bare : bare.substring(0, parameters);
        int credentials = bare.lastIndexOf('@');
        return credentials < 0 ? bare : bare.substring(credentials + 1);
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    static class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(URL));
        }
    }
}
