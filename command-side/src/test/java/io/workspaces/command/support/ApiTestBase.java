package io.workspaces.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.command.CommandSideApplication;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.common.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The command side on a random port, verifying test bearer tokens, on its own PostgreSQL database. */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + CommandSideApplication.CONFIG_NAME,
                "workspaces.security.jwt.hmac-secret=" + TestTokens.SECRET,
                "workspaces.security.jwt.issuer=" + TestTokens.ISSUER,
                // snapshots after few events, so that every test's workspaces are loaded from them too
                "workspaces.snapshots.every=5"})
public abstract class ApiTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    /** A workspace name no other test uses. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a workspace as {@code creator} and returns its body. */
    protected JsonNode createWorkspace(String creator, String name) {
        Api.Response created = api().as(creator).post("/v1/workspaces", "{\"name\":\"" + name + "\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    protected long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    protected long eventCount(String workspaceId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, workspaceId);
    }
}
