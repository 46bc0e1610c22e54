package io.workspaces.query.readdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A query node with a read database ({@code WORKSPACES_READ_DB_URL}), without a second PostgreSQL: the "replica" is
 * the schema {@code lagging} of the test database, holding copies of the read models and of {@code token_entry} that
 * this test refreshes in one transaction when it says so ({@link #replicate()}): a replica exactly as far behind as
 * the test wants. The read pool's URL puts {@code lagging} first on its search path, and its connections are
 * read-only, so a write routed there would fail as on a hot standby. The node's processors write to the primary
 * ({@code public}) as always.
 */
// closed after the class: its node (a context of its own) would otherwise keep running, and claim the projections of any later test that stops its own processors
@DirtiesContext
class ReadDatabaseTest extends QueryTestBase {

    private static final List<String> REPLICATED = List.of("workspace_view", "membership", "workspace_entity",
            "workspace_history", "token_entry", "webhook_subscription");

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void readDatabase(DynamicPropertyRegistry registry) {
        registry.add("workspaces.read-db.url", () -> TestDatabase.URL + "?currentSchema=lagging,public");
    }

    @BeforeEach
    void aLaggingCopy() {
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS lagging");
        for (String table : REPLICATED) {
            jdbc.execute("CREATE TABLE IF NOT EXISTS lagging." + table + " (LIKE public." + table + ")");
        }
        replicate();
    }

    /** The copy catches up with the primary: rows and tokens from one snapshot, in one transaction. */
    private void replicate() {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(TestDatabase.URL, TestDatabase.USER,
                TestDatabase.PASSWORD, true);
        try {
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(connection));
            transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
            JdbcTemplate copy = new JdbcTemplate(connection);
            transaction.executeWithoutResult(status -> REPLICATED.forEach(table -> {
                copy.update("DELETE FROM lagging." + table);
                copy.update("INSERT INTO lagging." + table + " SELECT * FROM public." + table);
            }));
        } finally {
            connection.destroy();
        }
    }

    @Autowired
    HealthContributorRegistry health;

    @Test
    void theNodeUsesTwoPoolsAndItsHealthChecksBoth() {
        assertThat(dataSource).isInstanceOf(ReadRoutingDataSource.class);
        assertThat(((ReadRoutingDataSource) dataSource).pools()).extracting(pool -> pool.getPoolName())
                .last().isEqualTo("read-db");
        // Spring Boot's database health looks into a routing data source: one indicator per database
        assertThat(health.getContributor("db")).isInstanceOfSatisfying(CompositeHealthContributor.class, db ->
                assertThat(db.stream().map(NamedContributor::getName)).containsExactlyInAnyOrder("primary", "read"));
        assertThat(query().anonymous().get("/actuator/health").send().body()).contains("\"UP\"");
        // both pools' metrics, so that the pool-exhausted alert covers both
        String scrape = query().anonymous().get("/actuator/prometheus").send().body();
        assertThat(scrape.lines().filter(line -> line.startsWith("hikaricp_connections_pending{")))
                .anyMatch(line -> line.contains("pool=\"read-db\""))
                .anyMatch(line -> !line.contains("pool=\"read-db\""));
    }

    @Test
    void aReadWithATokenIsJudgedByTheReadDatabasesTokensNotByTheNodesProcessors() {
        String name = uniqueName("lagging");
        long token = create("alice", name, "on the primary").consistencyToken();
        // this node's processors have projected the write to the primary...
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM public.workspace_view WHERE name = ?", Integer.class, name) == 1);
        // ...and the node's access index has it: a check with the token is answered by the index alone
        Api.Response check = query().withRoles("svc-datasets", "access-checker").post("/v1/access/check",
                        "{\"checks\":[{\"principal\":\"alice\",\"workspace\":\"" + name + "\",\"action\":\"manage\"}]}")
                .header("X-Consistency-Token", Long.toString(token)).send();
        assertThat(check.status()).as(check.body()).isEqualTo(200);
        assertThat(check.json().path("results").path(0).path("allowed").asBoolean()).isTrue();

        // the read database has not got it: a read without a token reads what it has
        assertThat(query().get("/v1/workspaces/" + name).send().status()).isEqualTo(404);
        // a read with the token waits for the read database's token_entry (the node's own processors passed it
        // long ago), and answers 503 when that does not come within the wait (3 s here)
        assertProblem(read("/v1/workspaces/" + name, token), 503, "consistency-timeout");

        replicate();
        JsonNode read = readJson("/v1/workspaces/" + name, token);
        assertThat(read.path("description").asText()).isEqualTo("on the primary");

        long second = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"changed\"}"));
        long member = write(command().put("/v1/workspaces/" + name + "/members/vic", "{\"role\":\"viewer\"}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM public.membership m JOIN public.workspace_view w ON w.id = m.workspace_id "
                        + "WHERE w.name = ? AND m.principal = 'vic'", Integer.class, name) == 1);
        assertThat(query().get("/v1/workspaces/" + name).send().json().path("description").asText())
                .as("without a token: the read database's state").isEqualTo("on the primary");
        replicate();
        assertThat(readJson("/v1/workspaces/" + name, second).path("description").asText()).isEqualTo("changed");
        assertThat(readJson("/v1/workspaces/" + name + "/members", member).path("data").findValuesAsText("principal"))
                .contains("vic");
    }

    @Test
    void aTokenAheadOfTheReadDatabaseButNotOfTheLogIsWaitedFor() {
        // judged against the primary's log: a token beyond the read database's head is a write on its way, but one
        // beyond the primary's head is refused as before
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        assertInvalidField(query().get("/v1/workspaces").header("X-Consistency-Token", Long.toString(head + 1000))
                .send(), "X-Consistency-Token");
    }

    @Test
    void changesAndTheNodesOwnStateStayOnThePrimary() {
        Api admin = query().withRoles("root", "platform-admin");
        Api.Response created = admin.post("/v1/webhooks", "{\"url\":\"https://198.51.100.7/hooks\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        // the copy of webhook_subscription in the read database does not have it: this read went to the primary
        assertThat(admin.get("/v1/webhooks/" + id).send().status()).isEqualTo(200);
        assertThat(admin.delete("/v1/webhooks/" + id).send().status()).isEqualTo(204);

        Api.Response verify = query().withRoles("auditor-ann", "auditor").post("/v1/audit/verify", "{}").send();
        assertThat(verify.status()).as(verify.body()).isEqualTo(200);
        assertThat(admin.get("/v1/admin/projections").send().status()).isEqualTo(200);
    }
}
