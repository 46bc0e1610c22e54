package io.workspaces.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.QuerySideApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side on a random port, with the real command side running next to it in this JVM, both on this
 * JVM's own PostgreSQL database: tests write through the command API and read through the query API.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + QuerySideApplication.CONFIG_NAME,
        "workspaces.security.jwt.hmac-secret=" + TestTokens.SECRET,
        "workspaces.security.jwt.issuer=" + TestTokens.ISSUER,
        "workspaces.consistency.max-wait=3s"})
public abstract class QueryTestBase {

    private static final ConfigurableApplicationContext COMMAND_SIDE =
            RunningServices.commandSide(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    /** The query API, as {@code alice} until told otherwise. */
    protected Api query() {
        return new Api("http://127.0.0.1:" + port).as("alice");
    }

    /** The command API, as {@code alice} until told otherwise. */
    protected Api command() {
        return new Api(RunningServices.baseUrl(COMMAND_SIDE)).as("alice");
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a workspace through the command side; returns the write's response. */
    protected Api.Response create(String creator, String name, String description) {
        Api.Response created = command().as(creator).post("/v1/workspaces",
                "{\"name\":\"" + name + "\",\"description\":\"" + description + "\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    /** Sends a command-side write and returns its consistency token, failing unless it succeeded. */
    protected long write(Api.Request request) {
        Api.Response response = request.send();
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response.consistencyToken();
    }

    /** The query API as an auditor: reads everything. */
    protected Api auditor() {
        return query().withRoles("auditor-ann", "auditor");
    }

    /** A query-side GET, as {@code alice}, that waits for {@code token}. */
    protected Api.Response read(String path, long token) {
        return read(query(), path, token);
    }

    protected Api.Response read(Api as, String path, long token) {
        return as.get(path).header("X-Consistency-Token", Long.toString(token)).send();
    }

    protected JsonNode readJson(String path, long token) {
        return readJson(query(), path, token);
    }

    protected JsonNode readJson(Api as, String path, long token) {
        Api.Response response = read(as, path, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
