package io.workspaces.common.db;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * The database both sides share: created if missing, and the event store schema migrated by whichever side
 * starts first. Each side migrates its own tables with its own Flyway history table (see
 * {@link #migrations}), so the two sides can be deployed and upgraded independently.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    static DatabaseCreator databaseCreator(Environment environment) {
        return new DatabaseCreator(environment.getProperty("workspaces.db.create-if-missing", Boolean.class, true));
    }

    /**
     * Set on a query node that reads from a PostgreSQL hot standby ({@code WORKSPACES_READ_ONLY}): such a node writes
     * nothing, so it migrates nothing either; it only checks that the schema is the one its code expects.
     */
    public static final String READ_ONLY = "workspaces.read-only";

    @Bean
    FlywayMigrationInitializer eventStoreSchema(DataSource dataSource, Environment environment) {
        return migrations(dataSource, "db/eventstore", "flyway_schema_history_eventstore", readOnly(environment));
    }

    public static boolean readOnly(Environment environment) {
        return environment.getProperty(READ_ONLY, Boolean.class, false);
    }

    /**
     * Migrates the scripts under {@code classpath:location} at start-up, recording them in {@code historyTable}.
     * Flyway's lock on the history table makes concurrent starts of several nodes safe.
     */
    public static FlywayMigrationInitializer migrations(DataSource dataSource, String location, String historyTable) {
        return migrations(dataSource, location, historyTable, false);
    }

    /** As {@link #migrations(DataSource, String, String)}; when {@code validateOnly}, nothing is migrated, only validated. */
    public static FlywayMigrationInitializer migrations(DataSource dataSource, String location, String historyTable,
                                                        boolean validateOnly) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + location)
                .table(historyTable)
                // the schema is shared: another part's tables may already be there, so start from version 0
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        return validateOnly ? new FlywayMigrationInitializer(flyway, Flyway::validate) : new FlywayMigrationInitializer(flyway);
    }
}
