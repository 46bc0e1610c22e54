package io.workspaces.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Operators' promises (docs/testing.md), with real processes: two command and two query nodes on one database, mixed
 * concurrent writes through both command nodes, kill -9 at random moments, a PostgreSQL restart. After
 * each, the event store keeps every acknowledged write and its invariants, and both query nodes show
 * exactly what the event store says. {@code -Dreliability.form=long} runs longer loads and more kills.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityTest {

    private static final boolean LONG = "long".equals(System.getProperty("reliability.form"));
    private static final Duration LOAD = Duration.ofSeconds(LONG ? 120 : 15);
    private static final int CLIENTS = LONG ? 12 : 6;
    private static final int KILLS = LONG ? 10 : 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Cluster cluster;

    @BeforeAll
    static void start() {
        cluster = new Cluster();
        cluster.start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void concurrentWritesThroughTwoCommandNodesKeepEveryInvariantOnEveryQueryNode() throws Exception {
        Load load = new Load(() -> Node.alive(cluster.commandNodes));
        load.createWorkspaces(8);
        load.run(CLIENTS, LOAD);
        int nameRaces = racingCreatesOfTheSameNamesThroughBothNodes();

        report("concurrent load", load, "name races: " + nameRaces);
        assertThat(load.violations).isEmpty();
        verifyEverythingAgrees(load);
    }

    @Test
    @Order(2)
    void killMinus9AtRandomMomentsLosesNoAcknowledgedWriteAndQueryNodesTakeOver() throws Exception {
        Load load = new Load(() -> Node.alive(cluster.commandNodes));
        load.createWorkspaces(8);
        Thread writers = new Thread(() -> {
            try {
                load.run(CLIENTS, LOAD.plusSeconds(20L * KILLS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writers.start();
        List<String> kills = new ArrayList<>();
        for (int round = 0; round < KILLS; round++) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2_000, 6_000));
            List<Node> side = round % 2 == 0 ? cluster.commandNodes : cluster.queryNodes;
            Node victim = side.get(ThreadLocalRandom.current().nextInt(side.size()));
            victim.kill();
            kills.add(victim.name);
            if (side == cluster.queryNodes) {
                Node survivor = cluster.queryNodes.get(0) == victim ? cluster.queryNodes.get(1) : cluster.queryNodes.get(0);
                survivorProcessesEverySegment(survivor);
            }
            victim.start();
            victim.awaitHealthy();
        }
        writers.join();

        report("kill -9", load, "killed: " + kills);
        assertThat(load.violations).isEmpty();
        verifyEverythingAgrees(load);
    }

    @Test
    @Order(3)
    void aDatabaseRestartUnderLoadFailsRequestsCleanlyAndTheServiceRecoversByItself() throws Exception {
        assumeThat(Path.of("/etc/postgresql")).as("a local PostgreSQL cluster managed with pg_ctlcluster").exists();
        assumeThat(System.getProperty("user.name")).as("root, to restart PostgreSQL").isEqualTo("root");
        String version = Files.list(Path.of("/etc/postgresql")).findFirst().orElseThrow().getFileName().toString();
        Load load = new Load(() -> Node.alive(cluster.commandNodes));
        load.createWorkspaces(4);
        load.databaseOutage = true;
        CountDownLatch running = new CountDownLatch(1);
        Thread writers = new Thread(() -> {
            try {
                running.countDown();
                load.run(CLIENTS, LOAD.plusSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writers.start();
        running.await();
        // restart under load: once writes are being acknowledged
        await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged() >= 50);
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
                .inheritIO().start();
        assertThat(restart.waitFor()).as("pg_ctlcluster restart").isZero();
        writers.join();

        report("database restart", load, "503 answers: " + load.statuses.getOrDefault(503, new AtomicInteger()));
        assertThat(load.violations).as("only 2xx, 404, 409 and 503 (problem+json)").isEmpty();
        assertThat(load.slowest.get()).as("slowest answer, ms: failures come fast, nothing hangs").isLessThan(15_000);
        await().atMost(Duration.ofSeconds(90)).until(() -> cluster.all().stream().allMatch(Node::healthy));
        verifyEverythingAgrees(load);
    }

    /** Fires creates of the same names at both command nodes at once: exactly one create per name wins. */
    private int racingCreatesOfTheSameNamesThroughBothNodes() throws Exception {
        int races = LONG ? 50 : 10;
        for (int i = 0; i < races; i++) {
            String body = "{\"name\":\"race-" + System.nanoTime() + "\"}";
            List<Thread> racers = new ArrayList<>();
            AtomicInteger won = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            for (int racer = 0; racer < 4; racer++) {
                Node node = cluster.commandNodes.get(racer % 2);
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        if (AsRoot.send(node.baseUrl() + "/v1/workspaces", "POST", body).statusCode() == 201) {
                            won.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                thread.start();
                racers.add(thread);
            }
            go.countDown();
            for (Thread thread : racers) {
                thread.join();
            }
            assertThat(won.get()).as("creates that won the race for one name").isEqualTo(1);
        }
        return races;
    }

    /** With the other query node dead, a read-your-write on this one succeeds: it took the dead node's segments. */
    private void survivorProcessesEverySegment(Node survivor) {
        Node writer = Node.alive(cluster.commandNodes).get(0);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> write = AsRoot.send(writer.baseUrl() + "/v1/workspaces", "POST",
                    "{\"name\":\"probe-" + System.nanoTime() + "\"}");
            if (write.statusCode() != 201) {
                return false;
            }
            String token = write.headers().firstValue("X-Consistency-Token").orElseThrow();
            return AsRoot.send(survivor.baseUrl() + "/v1/workspaces?page_size=1&after=" + token, "GET", null).statusCode() == 200;
        });
    }

    /**
     * The event store holds every acknowledged write, keeps its invariants, and both query nodes, once caught
     * up to its head, show exactly what it says; the audit chain verifies.
     */
    private void verifyEverythingAgrees(Load load) throws Exception {
        EventLog log = EventLog.read(cluster.jdbc);
        assertThat(log.violations).as("gapless sequences, always a named admin").isEmpty();
        assertThat(log.duplicateLiveNames()).as("live workspaces sharing a name").isEmpty();
        for (Load.Ack ack : load.acks) {
            EventLog.Workspace workspace = log.workspaces.get(ack.workspaceId());
            assertThat(workspace).as("acknowledged write on %s", ack.workspaceId()).isNotNull();
            assertThat(workspace.version).as("version of %s", ack.workspaceId()).isGreaterThanOrEqualTo(ack.version());
            assertThat(log.positions).as("position of an acknowledged write").contains(ack.position());
        }
        for (Node query : cluster.queryNodes) {
            // the audit stream waits for both the workspace and the history projections to pass the head
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    AsRoot.send(query.baseUrl() + "/v1/audit/events?limit=1&after=" + log.head, "GET", null).statusCode() == 200);
            for (EventLog.Workspace expected : log.workspaces.values()) {
                HttpResponse<String> workspace = AsRoot.send(query.baseUrl() + "/v1/workspaces/" + expected.id, "GET", null);
                if (expected.deleted) {
                    assertThat(workspace.statusCode()).isEqualTo(404);
                    continue;
                }
                assertThat(workspace.statusCode()).as(query.name + " " + expected.id).isEqualTo(200);
                JsonNode body = JSON.readTree(workspace.body());
                assertThat(body.path("version").asLong()).as(query.name + " version of " + expected.id)
                        .isEqualTo(expected.version);
                assertThat(body.path("description").asText()).isEqualTo(expected.description);
                assertThat(members(query, expected.id)).as(query.name + " members of " + expected.id)
                        .isEqualTo(expected.members);
            }
        }
        assertThat(cluster.jdbc.queryForObject("SELECT count(*) FROM workspace_history", Long.class))
                .as("history rows, one per stored event").isEqualTo((long) log.positions.size());
        // the chain's writer (one segment, on whichever query node holds it) may still be catching up after a
        // takeover or a restart: watch its own table, which is cheap, rather than recomputing the chain each time.
        // It chains events in the order it reads them: one that committed late sits after higher positions, so
        // what is awaited is every position of the log, not the highest.
        long chainStarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .alias("the audit chain holding each of the log's " + log.positions.size() + " positions")
                .until(() -> cluster.jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE position <= ?",
                        Long.class, log.head), greaterThanOrEqualTo((long) log.positions.size()));
        System.out.printf("reliability: audit chain at the head %d ms after the read models%n",
                (System.nanoTime() - chainStarted) / 1_000_000);
        String verify = cluster.queryNodes.get(0).baseUrl() + "/v1/audit/verify";
        JsonNode verified = JSON.readTree(AsRoot.send(verify, "POST", "{}").body());
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("ok");
        assertThat(verified.path("checked").asLong()).as(verified.toString())
                .isGreaterThanOrEqualTo(log.positions.size());
    }

    private Map<String, String> members(Node query, String workspaceId) throws Exception {
        JsonNode page = JSON.readTree(AsRoot.send(query.baseUrl() + "/v1/workspaces/" + workspaceId + "/members?page_size=1000",
                "GET", null).body());
        Map<String, String> members = new TreeMap<>();
        page.path("data").forEach(member -> members.put(member.path("principal").asText(), member.path("role").asText()));
        return members;
    }

    private static void report(String phase, Load load, String extra) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        load.statuses.forEach((status, count) -> statuses.put(status, count.get()));
        System.out.printf("reliability [%s]: %d acknowledged writes, statuses %s, connection failures %d, slowest %d ms, %s%n",
                phase, load.acknowledged(), statuses, load.connectionFailures.get(), load.slowest.get(), extra);
    }
}
