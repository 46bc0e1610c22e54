package io.workspaces.common.db;

import io.workspaces.common.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseCreatorTest {

    private final JdbcTemplate server = new JdbcTemplate(
            new DriverManagerDataSource(TestDatabase.SERVER + "/postgres", TestDatabase.USER, TestDatabase.PASSWORD));

    @Test
    void createsAMissingDatabaseOnceAndLeavesAnExistingOneAlone() {
        String name = "workspaces_creator_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = TestDatabase.SERVER + "/" + name;
        try {
            DatabaseCreator.ensureExists(url, TestDatabase.USER, TestDatabase.PASSWORD);
            DatabaseCreator.ensureExists(url, TestDatabase.USER, TestDatabase.PASSWORD);
            assertThat(server.queryForObject("SELECT count(*) FROM pg_database WHERE datname = ?", Long.class, name))
                    .isEqualTo(1);
        } finally {
            DatabaseCreator.drop(url, TestDatabase.USER, TestDatabase.PASSWORD);
        }
        assertThat(server.queryForObject("SELECT count(*) FROM pg_database WHERE datname = ?", Long.class, name)).isZero();
    }

    @Test
    void anUnreachableServerFailsWithOneSentenceSayingHowToStartIt() {
        assertThatThrownBy(() -> DatabaseCreator.ensureExists("jdbc:postgresql://127.0.0.1:1/workspaces", "postgres", ""))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageContaining("PostgreSQL is not reachable at 127.0.0.1:1")
                .hasMessageContaining("WORKSPACES_DB_URL");
    }
}
