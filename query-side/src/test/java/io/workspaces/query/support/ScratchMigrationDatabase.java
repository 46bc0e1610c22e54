package io.workspaces.query.support;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.UUID;

/**
 * A database of its own for a migration test: the query side's migrations applied up to a version, rows written as
 * an installation of that version held them, then the rest applied. Dropped on close.
 */
public final class ScratchMigrationDatabase implements AutoCloseable {

    private final String url = TestDatabase.SERVER + "/workspaces_migration_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public ScratchMigrationDatabase() {
        DatabaseCreator.ensureExists(url, TestDatabase.USER, TestDatabase.PASSWORD);
        dataSource = new DriverManagerDataSource(url, TestDatabase.USER, TestDatabase.PASSWORD);
        jdbc = new JdbcTemplate(dataSource);
    }

    /** Applies the query side's migrations up to {@code target} (a version, or {@code latest}). */
    public void migrateTo(String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/query")
                .table("flyway_schema_history_query").target(target).load().migrate();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        DatabaseCreator.drop(url, TestDatabase.USER, TestDatabase.PASSWORD);
    }
}
