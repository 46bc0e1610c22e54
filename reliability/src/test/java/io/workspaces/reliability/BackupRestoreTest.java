package io.workspaces.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backup and restore as docs/operations.md tells an operator: a database loaded through the real services
 * (commands over HTTP, a webhook subscription to a local receiver, events published to RabbitMQ) is dumped with
 * {@code pg_dump} while the service runs, restored with {@code pg_restore} into a new database, and the service
 * started on the copy: the chain verifies (endpoint and {@code ./audit-verify.sh}) through the value recorded
 * before the backup, every read model equals the original's, and the webhooks and the broker resume from the
 * copy's outbox and tokens: nothing the copy knew as delivered is sent again. Then the single rule: the event
 * table alone, restored and replayed, gives the same read models.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The read models and the command side's guards: all of them must come back the same. */
    private static final List<String> READ_MODELS = List.of("workspace_view", "membership", "workspace_entity",
            "workspace_history", "feed_event", "audit_chain");
    private static final List<String> COMPARED = List.of("domain_event_entry", "workspace_view", "membership",
            "workspace_entity", "workspace_history", "feed_event", "audit_chain", "workspace_name_claim",
            "create_idempotency_key", "webhook_subscription");

    private static final String original = Postgres.newDatabase("original");
    private static final String copy = Postgres.newDatabase("copy");
    private static final String rebuilt = Postgres.newDatabase("rebuilt");
    private static final List<Node> started = new ArrayList<>();
    private static Downstream downstream;
    private static Path dump;
    private static long head;
    private static String headChainValue;
    private static long startsAfter;
    private static final Map<String, List<String>> originalRows = new LinkedHashMap<>();

    @BeforeAll
    static void loadTheOriginalAndBackItUp() throws Exception {
        downstream = new Downstream();
        Postgres.create(original);
        Node command = node("original-command", Node.Side.COMMAND, original);
        Node query = node("original-query", Node.Side.QUERY, original);
        Node.startAll(command, query);

        HttpResponse<String> subscribed = AsRoot.send(query.baseUrl() + "/v1/webhooks", "POST",
                "{\"url\":\"" + downstream.webhookUrl() + "\"}");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        startsAfter = JSON.readTree(subscribed.body()).path("starts_after").asLong();
        Load load = new Load(() -> List.of(command));
        load.createWorkspaces(5);
        load.run(4, Duration.ofSeconds(8));
        assertThat(load.violations).isEmpty();

        JdbcTemplate jdbc = Postgres.jdbc(original);
        head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        caughtUp(query, jdbc, head);
        JsonNode verified = verify(query, jdbc, head);
        assertThat(verified.path("status").asText()).isEqualTo("ok");
        // kept outside the database, as docs/compliance.md asks: a restored chain must pass through it
        headChainValue = verified.path("head_chain_value").asText();

        // the backup, taken while the service runs
        dump = Path.of("target", "backup", original + ".dump").toAbsolutePath();
        Files.createDirectories(dump.getParent());
        long started = System.nanoTime();
        Postgres.tool("pg_dump", "-Fc", "-d", original, "-f", dump.toString()).orFail();
        System.out.printf("backup: %d events, pg_dump %d ms, %d bytes%n", head,
                (System.nanoTime() - started) / 1_000_000, Files.size(dump));

        // then the original is lost
        command.stop();
        query.stop();
        for (String table : COMPARED) {
            originalRows.put(table, Postgres.rows(jdbc, table, null));
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        started.forEach(Node::stop);
        if (downstream != null) {
            downstream.close();
        }
        for (String database : List.of(original, copy, rebuilt)) {
            Postgres.drop(database);
        }
        if (dump != null) {
            Files.deleteIfExists(dump);
        }
    }

    @Test
    @Order(1)
    void theServiceRunsOnARestoredDumpWithTheSameReadModelsAndDeliversOnWithoutRepeatingWhatWasDelivered()
            throws Exception {
        Postgres.create(copy);
        Postgres.tool("pg_restore", "--exit-on-error", "-d", copy, dump.toString()).orFail();
        JdbcTemplate jdbc = Postgres.jdbc(copy);
        // what the copy knows as done downstream: only what is not in it may be sent again (at-least-once)
        Set<String> deliveredInCopy = new HashSet<>(jdbc.queryForList(
                "SELECT event_id FROM webhook_delivery WHERE status = 'delivered'", String.class));
        JsonNode brokerToken = JSON.readTree(jdbc.queryForObject(
                "SELECT token FROM token_entry WHERE processor_name = 'broker-publisher'", String.class));
        int webhooksBefore = downstream.webhooks.size();
        int messagesBefore = downstream.messages.size();

        Node command = node("copy-command", Node.Side.COMMAND, copy);
        Node query = node("copy-query", Node.Side.QUERY, copy);
        Node.startAll(command, query);
        caughtUp(query, jdbc, head);

        for (String table : COMPARED) {
            assertThat(Postgres.rows(jdbc, table, null)).as("rows of " + table + " in the copy")
                    .isEqualTo(originalRows.get(table));
        }
        JsonNode verified = verify(query, jdbc, head);
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("ok");
        assertThat(verified.path("head_chain_value").asText()).isEqualTo(headChainValue);
        Postgres.Result offline = Postgres.run(List.of("./audit-verify.sh"),
                Map.of("WORKSPACES_DB_URL", Postgres.url(copy), "WORKSPACES_DB_USER", TestDatabase.USER));
        assertThat(offline.exitCode()).as(offline.output()).isZero();
        JsonNode report = JSON.readTree(offline.output().substring(offline.output().indexOf('{')));
        assertThat(report.path("status").asText()).isEqualTo("ok");
        assertThat(report.path("head_chain_value").asText()).isEqualTo(headChainValue);

        // new writes on the copy reach both channels
        Load load = new Load(() -> List.of(command));
        load.createWorkspaces(3);
        load.run(2, Duration.ofSeconds(3));
        assertThat(load.violations).isEmpty();
        long newHead = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        caughtUp(query, jdbc, newHead);

        List<Downstream.Arrival> webhooks = Downstream.after(downstream.webhooks, webhooksBefore);
        List<Downstream.Arrival> messages = Downstream.after(downstream.messages, messagesBefore);
        assertThat(webhooks).as("webhooks sent again although the copy had them as delivered")
                .noneMatch(arrival -> deliveredInCopy.contains(arrival.id()));
        assertThat(messages).as("messages published again although the copy's publisher token had passed them")
                .noneMatch(arrival -> passed(brokerToken, arrival.position()));
        List<String> newEvents = jdbc.queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE global_index > ?", String.class, head);
        assertThat(webhooks.stream().map(Downstream.Arrival::id).collect(Collectors.toSet()))
                .as("every event after the restore delivered to the webhook").containsAll(newEvents);
        assertThat(messages.stream().map(Downstream.Arrival::id).collect(Collectors.toSet()))
                .as("every event after the restore published").containsAll(newEvents);
        System.out.printf("restore: %d events in the copy, %d new; after the restore %d webhook deliveries "
                        + "(%d of events before it) and %d messages (%d of events before it)%n", head,
                newEvents.size(), webhooks.size(), webhooks.stream().filter(a -> a.position() <= head).count(),
                messages.size(), messages.stream().filter(a -> a.position() <= head).count());
        command.stop();
        query.stop();
    }

    @Test
    @Order(2)
    void theEventTableAloneRebuildsTheSameReadModels() throws Exception {
        Postgres.create(rebuilt);
        // the schema (what the service's migrations create), then the events and nothing else
        Postgres.tool("pg_restore", "--exit-on-error", "--schema-only", "-d", rebuilt, dump.toString()).orFail();
        Postgres.tool("pg_restore", "--exit-on-error", "--data-only", "-d", rebuilt,
                "-t", "domain_event_entry", "-t", "domain_event_entry_global_index_seq",
                "-t", "flyway_schema_history_eventstore", "-t", "flyway_schema_history_command",
                "-t", "flyway_schema_history_query", dump.toString()).orFail();
        Path claims = Path.of(System.getProperty("workspaces.root", ".."), "docs", "sql", "rebuild-name-claims.sql");
        Postgres.tool("psql", "-v", "ON_ERROR_STOP=1", "-d", rebuilt, "-f", claims.toString()).orFail();
        JdbcTemplate jdbc = Postgres.jdbc(rebuilt);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_view", Long.class)).isZero();

        Node query = node("rebuilt-query", Node.Side.QUERY, rebuilt, Map.of("WORKSPACES_BROKER_ENABLED", "false"));
        long started = System.nanoTime();
        Node.startAll(query);
        caughtUp(query, jdbc, head);
        long replayed = (System.nanoTime() - started) / 1_000_000;

        JdbcTemplate originalJdbc = Postgres.jdbc(original);
        for (String table : List.of("workspace_view", "membership", "workspace_entity", "workspace_history")) {
            assertThat(Postgres.rows(jdbc, table, null)).as("rows of " + table + " rebuilt from the events")
                    .isEqualTo(originalRows.get(table));
        }
        // the feed in position order (the original's order of commits may differ where commits raced)
        assertThat(Postgres.rows(jdbc, "feed_event", "position, envelope"))
                .isEqualTo(Postgres.rows(originalJdbc, "feed_event", "position, envelope"));
        assertThat(Postgres.rows(jdbc, "workspace_name_claim", "name, workspace_id"))
                .isEqualTo(Postgres.rows(originalJdbc, "workspace_name_claim", "name, workspace_id"));
        JsonNode verified = verify(query, jdbc, head);
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("ok");
        assertThat(verified.path("checked").asLong()).isEqualTo(originalRows.get("domain_event_entry").size());
        System.out.printf("rebuild from the event table alone: %d events, query side started and caught up in %d ms, "
                + "chain head %s (original %s)%n", head, replayed, verified.path("head_chain_value").asText(),
                headChainValue);
        query.stop();
    }

    /**
     * Waits until the query node's projections, the feed, the audit chain and both downstream channels have
     * passed {@code position}: every event is chained, in the feed, published and delivered to the webhook.
     */
    private static void caughtUp(Node query, JdbcTemplate jdbc, long position) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                AsRoot.send(query.baseUrl() + "/v1/audit/events?limit=1&after=" + position, "GET", null).statusCode() == 200);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?",
                Long.class, position);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM feed_event WHERE position <= ?", Long.class, position) == events
                        && jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE position <= ?", Long.class,
                        position) == events);
        boolean subscribed = jdbc.queryForObject("SELECT count(*) FROM webhook_subscription", Long.class) > 0;
        if (subscribed) {
            Set<String> due = new HashSet<>(jdbc.queryForList("SELECT event_identifier FROM domain_event_entry "
                    + "WHERE global_index > ? AND global_index <= ?", String.class, startsAfter, position));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                    downstream.webhooks.stream().map(Downstream.Arrival::id).collect(Collectors.toSet()).containsAll(due)
                            && jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE status <> 'delivered'",
                            Long.class) == 0);
            Set<String> all = new HashSet<>(jdbc.queryForList(
                    "SELECT event_identifier FROM domain_event_entry WHERE global_index <= ?", String.class, position));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                    downstream.messages.stream().map(Downstream.Arrival::id).collect(Collectors.toSet()).containsAll(all)
                            && passed(JSON.readTree(jdbc.queryForObject("SELECT token FROM token_entry "
                            + "WHERE processor_name = 'broker-publisher'", String.class)), position));
        }
    }

    /** Whether a stored gap-aware token (JSON) has processed the event at {@code position}. */
    private static boolean passed(JsonNode token, long position) {
        if (token == null || !token.has("index")) {
            return false;
        }
        for (JsonNode gap : token.path("gaps")) {
            if (gap.asLong() == position) {
                return false;
            }
        }
        return token.path("index").asLong() >= position;
    }

    /**
     * The node's verification once it covers every event up to {@code position}. Counted, not compared with the
     * report's {@code head_position}: that is the position of the last entry chained, which is lower than the highest
     * position when a commit that drew a lower position landed last (the chain takes it when its gap closes).
     */
    private static JsonNode verify(Node query, JdbcTemplate jdbc, long position) throws Exception {
        String url = query.baseUrl() + "/v1/audit/verify";
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index <= ?",
                Long.class, position);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                JSON.readTree(AsRoot.send(url, "POST", "{}").body()).path("checked").asLong() >= events);
        return JSON.readTree(AsRoot.send(url, "POST", "{}").body());
    }

    private static Node node(String name, Node.Side side, String database) {
        return node(name, side, database, Map.of());
    }

    private static Node node(String name, Node.Side side, String database, Map<String, String> more) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "WORKSPACES_BROKER_ENABLED", "true",
                "WORKSPACES_BROKER_EXCHANGE", downstream.exchange,
                "WORKSPACES_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1/32",
                "WORKSPACES_WEBHOOK_ALLOWED_PORTS", Integer.toString(downstream.webhookPort()),
                "WORKSPACES_WEBHOOK_POLL_INTERVAL", "100ms"));
        settings.putAll(more);
        Node node = new Node(name, side, Postgres.url(database), settings);
        started.add(node);
        return node;
    }
}
