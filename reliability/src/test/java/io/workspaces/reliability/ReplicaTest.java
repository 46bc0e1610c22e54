package io.workspaces.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A PostgreSQL streaming replica on this machine ({@code ./pg-replica.sh}: a second cluster made a hot standby of
 * the first with {@code pg_basebackup -R}), and the topologies docs/operations.md supports on it: a command node on
 * the primary; a query node on the primary that processes the projections there and serves its API's reads from the
 * replica ({@code WORKSPACES_READ_DB_URL}); and a read-only query node ({@code WORKSPACES_READ_ONLY=true}) on the
 * replica, which only serves reads. A read carrying a write's consistency token is exact on the replica through
 * either, because the projections' tokens ({@code token_entry}) replicate in the same transactions as their rows and
 * both judge the wait by the replica's tokens. Measures the replica's lag under write load. The extra cluster is
 * dropped at the end, whatever happened.
 *
 * <p>The projections have one segment each (the service's default; the other reliability tests use four): with
 * more, a read judged by stored tokens also waits for the segments that had no event of the write, which store their
 * tokens about once a second (docs/operations.md, "A read replica").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private static final String database = Postgres.newDatabase("replicated");
    private static final String cluster = "wsreplica_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final List<Node> nodes = new ArrayList<>();
    /** The measured lines, written to target/replica-lag.txt at the end. */
    private static final List<String> results = new ArrayList<>();
    private static boolean created;
    private static int replicaPort;
    private static Node command;
    /** On the primary, reads from the replica. */
    private static Node split;
    /** On the replica alone. */
    private static Node reader;

    @BeforeAll
    static void startAReplicaAndTheNodes() throws IOException {
        assumeThat(Path.of("/etc/postgresql")).as("a local PostgreSQL managed with Debian's cluster tools").exists();
        assumeThat(System.getProperty("user.name")).as("root, to create a PostgreSQL cluster").isEqualTo("root");
        assumeThat(Postgres.HOST).as("the tests' PostgreSQL is this machine's").isIn("localhost", "127.0.0.1");
        Postgres.create(database);
        try (ServerSocket socket = new ServerSocket(0)) {
            replicaPort = socket.getLocalPort();
        }
        created = true;
        long started = System.nanoTime();
        Postgres.Result replica = Postgres.run(List.of("./pg-replica.sh", "create", cluster, Integer.toString(replicaPort)),
                Map.of("PGPORT", Postgres.PORT));
        System.out.printf("replica: %s (%d ms)%n", replica.output().strip(), (System.nanoTime() - started) / 1_000_000);
        replica.orFail();

        String replicaUrl = "jdbc:postgresql://127.0.0.1:" + replicaPort + "/" + database;
        command = node("primary-command", Node.Side.COMMAND, Postgres.url(database), Map.of());
        // the first query node: it migrates the primary and creates the projections' segments
        split = node("primary-query-reads-replica", Node.Side.QUERY, Postgres.url(database),
                Map.of("WORKSPACES_READ_DB_URL", replicaUrl, "WORKSPACES_PROJECTION_SEGMENTS", "1"));
        Node.startAll(command, split);
        // the schema is the primary's, replicated; the reader only validates it. It starts while the first test runs
        reader = node("replica-query", Node.Side.QUERY, replicaUrl,
                Map.of("WORKSPACES_READ_ONLY", "true", "WORKSPACES_DB_CREATE", "false"));
        reader.start();
    }

    @AfterAll
    static void dropTheReplica() {
        nodes.forEach(Node::stop);
        if (created) {
            Postgres.Result dropped = Postgres.run(List.of("./pg-replica.sh", "drop", cluster), Map.of());
            assertThat(dropped.exitCode()).as(dropped.output()).isZero();
        }
        Postgres.drop(database);
    }

    @Test
    @Order(1)
    void aQueryNodeOnThePrimaryServesExactReadsFromTheReplica() throws Exception {
        JdbcTemplate replica = replica();
        assertThat(replica.queryForObject("SELECT pg_is_in_recovery()", Boolean.class)).as("a hot standby").isTrue();

        String reads = exactReads(split, "a query node on the primary reading from the replica", 40);

        // its read pool is connected to the replica (and not to the primary), and its requests' SQL went there
        List<String> lastQueries = replica.queryForList("SELECT query FROM pg_stat_activity WHERE application_name = ?",
                String.class, "workspaces-query-reads");
        assertThat(lastQueries).as("the read pool's connections on the replica").isNotEmpty()
                .anyMatch(query -> query.startsWith("SELECT")); // not only its connections' SET of the init SQL
        assertThat(Postgres.jdbc(database).queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", Integer.class,
                "workspaces-query-reads")).as("read pool connections on the primary").isZero();
        // a change sent to it goes to the primary
        HttpResponse<String> subscribe = AsRoot.send(split.baseUrl() + "/v1/webhooks", "POST",
                "{\"url\":\"https://198.51.100.7/hooks\"}", null);
        assertThat(subscribe.statusCode()).as(subscribe.body()).isEqualTo(201);
        String subscription = JSON.readTree(subscribe.body()).path("id").asText();
        assertThat(AsRoot.send(split.baseUrl() + "/v1/webhooks/" + subscription, "GET", null, null).statusCode())
                .isEqualTo(200);
        assertThat(AsRoot.send(split.baseUrl() + "/v1/webhooks/" + subscription, "DELETE", null, null).statusCode())
                .isEqualTo(204);
        results.add(reads);
    }

    /**
     * {@code count} writes through the command node, each read at once through {@code node} with its token (exact,
     * or the test fails), and the very next write read without it (counted when stale). Returns the report line.
     */
    private static String exactReads(Node node, String what, int count) throws Exception {
        HttpResponse<String> created = AsRoot.send(command.baseUrl() + "/v1/workspaces", "POST",
                "{\"name\":\"replicated-" + System.nanoTime() + "\"}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).isTrue();
        String workspace = command.baseUrl() + "/v1/workspaces/" + id.group(1);
        String read = node.baseUrl() + "/v1/workspaces/" + id.group(1);
        int staleWithoutToken = 0;
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String description = "written " + i;
            HttpResponse<String> write = i % 2 == 0
                    ? AsRoot.send(workspace, "PATCH", "{\"description\":\"" + description + "\"}", null)
                    : AsRoot.send(workspace + "/members/user-" + i, "PUT", "{\"role\":\"viewer\"}", null);
            assertThat(write.statusCode()).as(write.body()).isBetween(200, 201);
            String token = write.headers().firstValue("X-Consistency-Token").orElseThrow();
            long version = Long.parseLong(write.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
            long sent = System.nanoTime();
            HttpResponse<String> withToken = AsRoot.send(read, "GET", null, token);
            waits.add((System.nanoTime() - sent) / 1_000_000);
            assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(withToken.body());
            assertThat(body.path("version").asLong()).as("version read on the replica with the token").isEqualTo(version);
            if (i % 2 == 0) {
                assertThat(body.path("description").asText()).isEqualTo(description);
            } else {
                HttpResponse<String> members = AsRoot.send(read + "/members?page_size=1000", "GET", null, token);
                assertThat(members.statusCode()).isEqualTo(200);
                assertThat(members.body()).as("members read on the replica after write %d", i)
                        .contains("\"principal\":\"user-" + i + "\"");
            }
            // for comparison, the very next write read without its token
            HttpResponse<String> next = AsRoot.send(workspace, "PATCH", "{\"description\":\"untracked " + i + "\"}", null);
            long nextVersion = Long.parseLong(next.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
            if (JSON.readTree(AsRoot.send(read, "GET", null, null).body()).path("version").asLong() < nextVersion) {
                staleWithoutToken++;
            }
        }
        Collections.sort(waits);
        String report = String.format("%s: reads with a consistency token %d of %d exact, answered in p50 %d ms, "
                        + "max %d ms; without the token %d of %d reads right after a write were stale", what, count, count,
                waits.get(count / 2), waits.get(waits.size() - 1), staleWithoutToken, count);
        System.out.println(report);
        return report;
    }

    @Test
    @Order(2)
    void aReadOnlyNodeOnTheReplicaServesExactReadsAndRefusesChangesCleanly() throws Exception {
        reader.awaitHealthy();
        results.add(exactReads(reader, "a read-only node on the replica", 20));

        HttpResponse<String> subscribe = AsRoot.send(reader.baseUrl() + "/v1/webhooks", "POST",
                "{\"url\":\"https://203.0.113.10/hooks\"}", null);
        assertThat(subscribe.statusCode()).as(subscribe.body()).isEqualTo(503);
        assertThat(subscribe.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(subscribe.body()).path("type").asText()).endsWith("read-only");
        HttpResponse<String> replay = AsRoot.send(reader.baseUrl() + "/v1/admin/projections/history/replay", "POST", null, null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
        HttpResponse<String> verify = AsRoot.send(reader.baseUrl() + "/v1/audit/verify", "POST", "{}", null);
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(JSON.readTree(verify.body()).path("status").asText()).isEqualTo("ok");
    }

    @Test
    @Order(3)
    void theReplicasLagUnderWriteLoad() throws Exception {
        JdbcTemplate primary = Postgres.jdbc(database);
        List<Double> lagMillis = Collections.synchronizedList(new ArrayList<>());
        List<Long> lagBytes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (loading.get()) {
                primary.query("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), "
                                + "extract(epoch FROM replay_lag) * 1000 FROM pg_stat_replication WHERE application_name LIKE ?",
                        row -> {
                            lagBytes.add(row.getLong(1));
                            lagMillis.add(row.getDouble(2));
                        }, "%/" + cluster);
                try {
                    Thread.sleep(100); // the sampling period, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Load load = new Load(() -> List.of(command));
        load.createWorkspaces(4);
        sampler.start();
        long started = System.nanoTime();
        load.run(6, Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        loading.set(false);
        sampler.join();
        assertThat(load.violations).isEmpty();
        assertThat(lagBytes).as("samples of pg_stat_replication for the replica").isNotEmpty();
        List<Double> sortedMillis = new ArrayList<>(lagMillis);
        Collections.sort(sortedMillis);
        List<Long> sortedBytes = new ArrayList<>(lagBytes);
        Collections.sort(sortedBytes);
        String report = String.format("replica lag under write load (6 clients, %d writes acknowledged in %.1f s, "
                        + "%.0f/s): replay_lag p50 %.1f ms, p95 %.1f ms, max %.1f ms; bytes behind p50 %d, max %d "
                        + "(%d samples)", load.acknowledged(), seconds, load.acknowledged() / seconds,
                percentile(sortedMillis, 50), percentile(sortedMillis, 95), sortedMillis.get(sortedMillis.size() - 1),
                sortedBytes.get(sortedBytes.size() / 2), sortedBytes.get(sortedBytes.size() - 1), sortedBytes.size());
        System.out.println(report);
        results.add(report);
        Files.write(Path.of("target", "replica-lag.txt"), results);
    }

    private static JdbcTemplate replica() {
        return new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:" + replicaPort + "/" + database, "postgres", ""));
    }

    private static double percentile(List<Double> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    private static Node node(String name, Node.Side side, String url, Map<String, String> settings) {
        Node node = new Node(name, side, url, settings);
        nodes.add(node);
        return node;
    }
}
