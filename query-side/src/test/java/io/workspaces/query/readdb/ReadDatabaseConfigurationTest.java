package io.workspaces.query.readdb;

import com.zaxxer.hikari.HikariDataSource;
import io.workspaces.common.StartupRefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read database's start-up checks: refusals that say what to change, and never carry credentials. */
class ReadDatabaseConfigurationTest {

    private static HikariDataSource primary() {
        HikariDataSource primary = new HikariDataSource(); // not started: only its settings are read
        primary.setUsername("postgres");
        primary.setPassword("primary-s3cret");
        primary.setMaximumPoolSize(10);
        primary.setConnectionTimeout(2000);
        return primary;
    }

    @Test
    void anUnreachableReadDatabaseRefusesTheStartWithoutSecrets() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MockEnvironment environment = new MockEnvironment()
                .withProperty(ReadDatabaseConfiguration.URL,
                        "jdbc:postgresql://127.0.0.1:" + closedPort + "/workspaces?password=url-s3cret")
                .withProperty("workspaces.read-db.password", "read-s3cret");

        assertThatThrownBy(() -> ReadDatabaseConfiguration.readPool(primary(), environment))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageStartingWith("WORKSPACES_READ_DB_URL: cannot connect to the read database at 127.0.0.1:"
                        + closedPort + "/workspaces (")
                .message().doesNotContain("s3cret");
    }

    @Test
    void aReadOnlyNodeHasNoReadDatabase() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(ReadDatabaseConfiguration.URL, "jdbc:postgresql://127.0.0.1:5432/workspaces")
                .withProperty("workspaces.read-only", "true");

        assertThatThrownBy(() -> ReadDatabaseConfiguration.readPool(primary(), environment))
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("WORKSPACES_READ_ONLY");
    }

    @Test
    void theLogsShowWhereNotWho() {
        assertThat(ReadDatabaseConfiguration.where("jdbc:postgresql://reader:pw@replica.internal:5433/ws?ssl=true&password=x"))
                .isEqualTo("replica.internal:5433/ws");
    }
}
