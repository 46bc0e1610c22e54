package io.workspaces.bench;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay's seeding fills an empty log with exactly the events asked for, each workspace's sequence gapless. */
class SeederTest {

    private static final String URL = TestDatabase.SERVER + "/workspaces_seed_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void createEventLog() throws Exception {
        DatabaseCreator.ensureExists(URL, TestDatabase.USER, TestDatabase.PASSWORD);
        try (InputStream schema = SeederTest.class.getResourceAsStream("/db/eventstore/V1__event_store.sql");
             Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void drop() {
        DatabaseCreator.drop(URL, TestDatabase.USER, TestDatabase.PASSWORD);
    }

    @Test
    void anEmptyLogGetsExactlyTheEventsAskedForAndAFullOneIsRefused() throws Exception {
        try (Connection connection = connect()) {
            assertThat(Seeder.fillExactly(connection, 1_234)).isEqualTo(1_234);

            assertThat(single(connection, "SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry"))
                    .isEqualTo(124);
            assertThat(single(connection, """
                    SELECT count(*) FROM (SELECT aggregate_identifier FROM domain_event_entry
                    GROUP BY aggregate_identifier HAVING max(sequence_number) <> count(*) - 1) gapped""")).isZero();
            assertThat(single(connection, """
                    SELECT count(*) FROM domain_event_entry
                    WHERE sequence_number = 0 AND payload_type <> 'workspace.created'""")).isZero();
            assertThatThrownBy(() -> Seeder.fillExactly(connection, 10)).hasMessageContaining("not empty");
            assertThat(single(connection, "SELECT count(*) FROM domain_event_entry")).isEqualTo(1_234);
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, TestDatabase.USER, TestDatabase.PASSWORD);
    }
}
