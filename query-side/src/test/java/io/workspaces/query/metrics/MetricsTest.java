package io.workspaces.query.metrics;

import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.Scrape;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.feed.DownstreamTestBase;
import io.workspaces.query.feed.SseClient;
import io.workspaces.query.projection.ProcessorLag;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.webhook.WebhookReceiver;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's own metrics, as Prometheus scrapes them from both running sides: every name of docs/operations.md
 * with its tags, and values that follow what was done (commands by outcome, lag back to 0, deliveries, a verify,
 * a stream, the broker cut off and back).
 */
class MetricsTest extends DownstreamTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static Scrape scrape(Api side) {
        Api.Response response = side.anonymous().get("/actuator/prometheus").send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    static Scrape commandSide() {
        return scrape(services().command());
    }

    static Scrape querySide() {
        return scrape(services().query());
    }

    @Test
    void commandsAreCountedByCommandAndOutcome() {
        Scrape before = commandSide();
        String name = uniqueName("metered");
        Api.Response created = create(name);
        assertThat(command().post("/v1/workspaces", "{\"name\":\"" + name + "\"}").send().status()).isEqualTo(409);
        assertThat(command().post("/v1/workspaces", "{\"name\":\"\"}").send().status()).isEqualTo(422);
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
        assertThat(command().as("bob").patch("/v1/workspaces/" + name, "{\"description\":\"mine now\"}").send()
                .status()).isEqualTo(403);
        assertThat(command().patch("/v1/workspaces/" + name, "{\"description\":\"late\"}")
                .header("If-Match", "\"" + (created.json().path("version").asLong() + 50) + "\"").send().status())
                .isEqualTo(412);
        assertThat(command().delete("/v1/workspaces/" + name + "/members/nobody-here").send().status()).isEqualTo(404);
        Scrape after = commandSide();

        assertThat(delta(before, after, "create_workspace", "accepted")).isEqualTo(1);
        assertThat(delta(before, after, "create_workspace", "conflict")).isEqualTo(1);
        assertThat(delta(before, after, "create_workspace", "rejected")).isEqualTo(1);
        assertThat(delta(before, after, "grant_role", "accepted")).isEqualTo(1);
        assertThat(delta(before, after, "update_workspace", "forbidden")).isEqualTo(1);
        assertThat(delta(before, after, "update_workspace", "conflict")).isEqualTo(1);
        assertThat(delta(before, after, "remove_member", "rejected")).isEqualTo(1);
        assertThat(delta(before, after, "update_workspace", "accepted")).isZero();
        // every command with every outcome is there from the start, so that rates start at 0
        assertThat(after.labelValues("workspaces_commands_total", "command")).containsExactlyInAnyOrder(
                "create_workspace", "update_workspace", "delete_workspace", "register_entity", "unregister_entity",
                "grant_role", "remove_member");
        assertThat(after.labelValues("workspaces_commands_total", "outcome")).containsExactlyInAnyOrder(
                "accepted", "conflict", "rejected", "forbidden", "failed");
        assertThat(after.find("workspaces_commands_total")).hasSize(7 * 5);
    }

    private static double delta(Scrape before, Scrape after, String command, String outcome) {
        return after.value("workspaces_commands_total", "command", command, "outcome", outcome)
                - before.value("workspaces_commands_total", "command", command, "outcome", outcome);
    }

    @Test
    void everyProcessorReportsItsLagWhichReturnsToZero() {
        String name = uniqueName("lagging");
        long token = create(name).consistencyToken();
        describe(name, "moved on");

        List<String> processors = List.copyOf(services().querySide().getBean(ProcessorLag.class).processors());
        assertThat(processors).contains(Projections.WORKSPACES, Projections.HISTORY, "audit-chain", "feed",
                "broker-publisher", "webhook-outbox", "access-index");
        await().atMost(WAIT).untilAsserted(() -> {
            Scrape scrape = querySide();
            assertThat(scrape.labelValues("workspaces_projection_lag_events", "projection"))
                    .containsExactlyInAnyOrderElementsOf(processors);
            for (String processor : processors) {
                assertThat(scrape.value("workspaces_projection_lag_events", "projection", processor))
                        .as(processor).isZero();
                assertThat(scrape.value("workspaces_projection_lag_seconds", "projection", processor))
                        .as(processor).isZero();
                assertThat(scrape.value("workspaces_projection_replay_progress_ratio", "projection", processor))
                        .as(processor).isEqualTo(1.0);
            }
            assertThat(scrape.value("workspaces_audit_chain_lag_events")).isZero();
            assertThat(scrape.value("workspaces_broker_publish_lag_events")).isZero();
            assertThat(scrape.value("workspaces_broker_connected")).isEqualTo(1.0);
        });

        // a read carrying a consistency token waited, and passed
        Scrape before = querySide();
        Api.Response read = auditor().get("/v1/workspaces/" + name).header("X-Consistency-Token", Long.toString(token))
                .send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        Scrape after = querySide();
        assertThat(after.value("workspaces_consistency_waits_seconds_count", "outcome", "passed")
                - before.value("workspaces_consistency_waits_seconds_count", "outcome", "passed")).isEqualTo(1);
        assertThat(after.find("workspaces_consistency_waits_seconds_bucket", "outcome", "passed")).isNotEmpty();
        assertThat(after.find("workspaces_consistency_waits_seconds_count", "outcome", "timeout")).hasSize(1);
    }

    @Test
    void aStoppedProcessorFallsBehindInEventsAndSecondsAndCatchesUp() {
        StreamingEventProcessor history = services().querySide().getBean(EventProcessingConfiguration.class)
                .eventProcessor(Projections.HISTORY, StreamingEventProcessor.class).orElseThrow();
        await().atMost(WAIT).until(() ->
                querySide().value("workspaces_projection_lag_events", "projection", Projections.HISTORY) == 0);
        history.shutDown();
        try {
            String name = uniqueName("behind");
            create(name);
            describe(name, "unseen by history");
            await().atMost(WAIT).untilAsserted(() -> {
                Scrape scrape = querySide();
                assertThat(scrape.value("workspaces_projection_lag_events", "projection", Projections.HISTORY))
                        .isGreaterThanOrEqualTo(2);
                assertThat(scrape.value("workspaces_projection_lag_seconds", "projection", Projections.HISTORY))
                        .isGreaterThanOrEqualTo(1);
                assertThat(scrape.value("workspaces_projection_lag_events", "projection", Projections.WORKSPACES))
                        .isZero();
            });
        } finally {
            history.start();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            Scrape scrape = querySide();
            assertThat(scrape.value("workspaces_projection_lag_events", "projection", Projections.HISTORY)).isZero();
            assertThat(scrape.value("workspaces_projection_lag_seconds", "projection", Projections.HISTORY)).isZero();
        });
    }

    @Test
    void webhookDeliveriesAndAttemptsAreCountedByStatusAndOutcome() throws Exception {
        try (WebhookReceiver good = new WebhookReceiver(); WebhookReceiver failing = new WebhookReceiver().failFirst(1000)) {
            // the counts are the whole service's: other classes' subscriptions (on the same running sides) must
            // neither receive this test's events nor finish their own deliveries while it counts
            removeEverySubscription();
            await().atMost(WAIT).until(() -> {
                Scrape quiet = querySide();
                return quiet.value("workspaces_webhook_deliveries", "status", "pending") == 0
                        && quiet.value("workspaces_webhook_deliveries", "status", "retrying") == 0;
            });
            Scrape before = querySide();
            for (String status : List.of("pending", "retrying", "delivered", "dead")) {
                assertThat(before.find("workspaces_webhook_deliveries", "status", status)).as(status).hasSize(1);
            }
            String name = uniqueName("hooked");
            Api.Response created = create(name);
            subscribe(good.url(), created);
            subscribe(failing.url(), created);
            describe(name, "to both");

            await().atMost(WAIT).untilAsserted(() -> {
                Scrape scrape = querySide();
                assertThat(scrape.value("workspaces_webhook_deliveries", "status", "delivered")
                        - before.value("workspaces_webhook_deliveries", "status", "delivered")).isEqualTo(1);
                assertThat(scrape.value("workspaces_webhook_deliveries", "status", "dead")
                        - before.value("workspaces_webhook_deliveries", "status", "dead")).isEqualTo(1);
                assertThat(scrape.value("workspaces_webhook_attempts_total", "outcome", "delivered")
                        - before.value("workspaces_webhook_attempts_total", "outcome", "delivered")).isEqualTo(1);
                // the schedule of these tests: four attempts, then dead
                assertThat(scrape.value("workspaces_webhook_attempts_total", "outcome", "http-5xx")
                        - before.value("workspaces_webhook_attempts_total", "outcome", "http-5xx")).isEqualTo(4);
            });
            assertThat(querySide().labelValues("workspaces_webhook_attempts_total", "outcome")).contains("delivered",
                    "timeout", "unreachable", "refused-by-policy", "http-4xx", "http-5xx");
        }
    }

    private static void removeEverySubscription() {
        while (true) {
            Api.Response listed = platformAdmin().get("/v1/webhooks?page_size=100").send();
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            if (listed.json().path("data").isEmpty()) {
                return;
            }
            for (var subscription : listed.json().path("data")) {
                Api.Response deleted = platformAdmin().delete("/v1/webhooks/" + subscription.path("id").asText()).send();
                assertThat(deleted.status()).as(deleted.body()).isIn(204, 404);
            }
        }
    }

    private static void subscribe(String url, Api.Response created) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Api.Response subscribed = platformAdmin().post("/v1/webhooks", "{\"url\":\"" + url + "\",\"secret\":\"whsec_"
                        + Base64.getEncoder().encodeToString(key) + "\",\"workspace_id\":\""
                        + created.json().path("id").asText() + "\",\"event_types\":[\"workspace.description-updated\"]}")
                .header("X-Consistency-Token", Long.toString(created.consistencyToken())).send();
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
    }

    @Test
    void theLastChainVerificationAndItsTimeAreReported() {
        long startedAt = System.currentTimeMillis() / 1000;
        Api.Response verified = auditor().post("/v1/audit/verify", "{}").send();
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("status").asText()).isEqualTo("ok");
        Scrape scrape = querySide();
        assertThat(scrape.value("workspaces_audit_verify_last_status")).isEqualTo(1.0);
        assertThat(scrape.value("workspaces_audit_verify_last_timestamp_seconds"))
                .isBetween(startedAt - 1.0, System.currentTimeMillis() / 1000.0 + 1);
    }

    @Test
    void openStreamsAreCounted() {
        double before = querySide().value("workspaces_feed_streams");
        String url = "http://127.0.0.1:" + services().querySide().getEnvironment().getProperty("local.server.port")
                + "/v1/events/stream";
        try (SseClient stream = SseClient.open(url, TestTokens.token("auditor-ann", List.of("auditor")), null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(querySide().value("workspaces_feed_streams")).isEqualTo(before + 1);
        }
        await().atMost(WAIT).until(() -> querySide().value("workspaces_feed_streams") == before);
    }

    @Test
    void theBrokerShowsDisconnectedWhileItIsAway() {
        await().atMost(WAIT).until(() -> querySide().value("workspaces_broker_connected") == 1.0);
        services().brokerProxy().cut();
        try {
            describe(create(uniqueName("unpublished")).json().path("name").asText(), "while the broker is away");
            await().atMost(WAIT).until(() -> querySide().value("workspaces_broker_connected") == 0.0);
        } finally {
            services().brokerProxy().restore();
        }
        await().atMost(WAIT).until(() -> querySide().value("workspaces_broker_connected") == 1.0);
        await().atMost(WAIT).until(() -> querySide().value("workspaces_broker_publish_lag_events") == 0.0);
    }
}
