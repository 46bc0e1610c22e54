package io.workspaces.query.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.feed.DownstreamServices;
import io.workspaces.query.feed.DownstreamTestBase;
import io.workspaces.query.projection.ProjectionProgress;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deliveries per the Standard Webhooks specification to a real HTTP receiver, with retries and dead letters. */
class WebhookDeliveryTest extends DownstreamTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aReceiverThatFailsTwiceGetsTheEventOnTheThirdAttemptValidlySignedAndInOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().failFirst(2)) {
            String name = uniqueName("hooked");
            Api.Response workspace = create(name);
            String secret = newSecret();
            String subscription = subscribe(receiver.url(), secret, workspace,
                    "workspace.member-added", "workspace.description-updated");

            write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
            describe(name, "hooked up");
            long filteredOut = write(command().put("/v1/workspaces/" + name + "/entities/dataset/d-1"));

            await().atMost(WAIT).until(() -> receiver.requests().stream().filter(WebhookReceiver.Request::succeeded)
                    .count() == 2);
            List<WebhookReceiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(6);
            for (WebhookReceiver.Request request : requests) {
                assertThat(StandardWebhooksVerifier.verify(secret, request)).as("signature of %s", request.headers())
                        .isTrue();
                assertThat(StandardWebhooksVerifier.verify(newSecret(), request)).isFalse();
                assertThat(request.header("content-type")).isEqualTo("application/json");
                assertThat(request.header("webhook-signature")).startsWith("v1,");
                assertThat(request.header("webhook-id")).isEqualTo(json(request.body()).path("id").asText());
            }
            String memberAdded = requests.get(0).header("webhook-id");
            List<WebhookReceiver.Request> attempts = receiver.requestsFor(memberAdded);
            assertThat(attempts).extracting(WebhookReceiver.Request::status).containsExactly(503, 503, 204);
            assertThat(attempts).extracting(WebhookReceiver.Request::body).containsOnly(attempts.get(0).body());
            assertThat(json(attempts.get(0).body()).path("type").asText()).isEqualTo("workspace.member-added");
            assertThat(millisBetween(attempts.get(0), attempts.get(1))).as("first back-off").isGreaterThanOrEqualTo(80);
            assertThat(millisBetween(attempts.get(1), attempts.get(2))).as("second back-off").isGreaterThanOrEqualTo(160);
            // in order per workspace: the second event is only sent once the first has been delivered
            List<WebhookReceiver.Request> second = receiver.requestsFor(requests.get(3).header("webhook-id"));
            assertThat(json(second.get(0).body()).path("type").asText()).isEqualTo("workspace.description-updated");
            assertThat(second.get(0).receivedNanos()).isGreaterThan(attempts.get(2).receivedNanos());

            ProjectionProgress progress = services().querySide().getBean(ProjectionProgress.class);
            await().atMost(WAIT).until(() -> progress.hasPassed(WebhookOutbox.PROCESSOR, filteredOut));
            JsonNode log = auditor().get("/v1/webhooks/" + subscription + "/deliveries?sort=created_at").send().json();
            assertThat(log.path("data")).hasSize(2);
            assertThat(log.path("data").findValuesAsText("event_type"))
                    .containsExactly("workspace.member-added", "workspace.description-updated");
            assertThat(log.path("data").findValuesAsText("status")).containsOnly("delivered");
            JsonNode delivery = auditor().get("/v1/webhooks/" + subscription + "/deliveries/"
                    + log.path("data").get(0).path("id").asText()).send().json();
            assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
            assertThat(delivery.path("attempt_log").findValuesAsText("status_code")).containsExactly("503", "503", "204");
            assertThat(delivery.path("attempt_log").findValues("error"))
                    .extracting(error -> error.isNull() ? null : error.asText())
                    .containsExactly("http-5xx", "http-5xx", null);
            assertThat(delivery.path("event").path("id").asText()).isEqualTo(memberAdded);
            assertThat(delivery.path("delivered_at").isNull()).isFalse();
        }
    }

    @Test
    void afterTheLastAttemptADeliveryIsDeadLetteredAndCanBeRedelivered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().failAlways(true)) {
            String name = uniqueName("dead");
            Api.Response workspace = create(name);
            String secret = newSecret();
            String subscription = subscribe(receiver.url(), secret, workspace);
            describe(name, "one");
            describe(name, "two");

            String deadLog = "/v1/webhooks/" + subscription + "/deliveries?status=dead&sort=created_at";
            await().atMost(WAIT).until(() -> auditor().get(deadLog).send().json().path("data").size() == 2);
            JsonNode first = auditor().get(deadLog).send().json().path("data").get(0);
            String deliveryPath = "/v1/webhooks/" + subscription + "/deliveries/" + first.path("id").asText();
            JsonNode dead = auditor().get(deliveryPath).send().json();
            assertThat(dead.path("attempts").asInt()).isEqualTo(DownstreamServices.ATTEMPTS);
            assertThat(dead.path("attempt_log")).hasSize(DownstreamServices.ATTEMPTS);
            assertThat(dead.path("dead_at").isNull()).isFalse();
            assertThat(dead.path("next_attempt_at").isNull()).isTrue();
            assertThat(receiver.requests()).hasSize(2 * DownstreamServices.ATTEMPTS);

            assertProblem(auditor().post(deliveryPath + "/redeliver", "").send(), 403, "forbidden");
            receiver.failAlways(false);
            Api.Response redelivered = platformAdmin().post(deliveryPath + "/redeliver", "").send();
            assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(202);
            assertThat(redelivered.json().path("status").asText()).isIn("pending", "delivered");
            await().atMost(WAIT).until(() -> auditor().get(deliveryPath).send().json().path("status").asText()
                    .equals("delivered"));
            JsonNode delivered = auditor().get(deliveryPath).send().json();
            assertThat(delivered.path("attempts").asInt()).isEqualTo(DownstreamServices.ATTEMPTS + 1);
            assertThat(delivered.path("attempt_log").get(DownstreamServices.ATTEMPTS).path("status_code").asInt())
                    .isEqualTo(204);
            WebhookReceiver.Request last = receiver.requests().get(receiver.requests().size() - 1);
            assertThat(last.succeeded()).isTrue();
            assertThat(StandardWebhooksVerifier.verify(secret, last)).isTrue();
            assertThat(last.header("webhook-id")).isEqualTo(first.path("event_id").asText());

            services().jdbc().update("UPDATE webhook_delivery SET status = 'pending', "
                    + "next_attempt_at = now() + interval '1 hour' WHERE id = ?::uuid", first.path("id").asText());
            assertProblem(platformAdmin().post(deliveryPath + "/redeliver", "").send(), 409, "delivery-pending");
            assertProblem(platformAdmin().post("/v1/webhooks/" + subscription + "/deliveries/"
                    + "00000000-0000-0000-0000-000000000000/redeliver", "").send(), 404, "webhook-not-found");
        }
    }

    @Test
    void deliveriesSurviveARestartOfTheQuerySide() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().hang()) {
            String name = uniqueName("restart");
            Api.Response workspace = create(name);
            String secret = newSecret();
            String subscription = subscribe(receiver.url(), secret, workspace);
            describe(name, "before the restart");
            await().atMost(WAIT).until(() -> receiver.arrived() == 1);

            // the attempt in flight times out while the query side stops; it stays pending, its outcome recorded
            services().stopQuerySide();
            receiver.release();
            describe(name, "while the query side is down");
            List<String> states = services().jdbc().queryForList(
                    "SELECT status || ':' || attempts FROM webhook_delivery WHERE subscription_id = ?::uuid",
                    String.class, subscription);
            assertThat(states).containsExactly("pending:1");

            services().startQuerySide();
            await().atMost(WAIT).until(() -> receiver.requests().stream().filter(WebhookReceiver.Request::succeeded)
                    .count() == 2);
            List<WebhookReceiver.Request> succeeded = receiver.requests().stream()
                    .filter(WebhookReceiver.Request::succeeded).toList();
            assertThat(succeeded).extracting(request -> json(request.body()).path("data").path("new_description")
                    .asText()).containsExactly("before the restart", "while the query side is down");
            assertThat(succeeded).allMatch(request -> StandardWebhooksVerifier.verify(secret, request));
        }
    }

    @Test
    void theDispatchersPoolsLeaveSpringBootsOwnExecutorAndSchedulerInPlace() {
        // the webhook pools are no default candidates: defining them must not switch off the auto-configured ones
        // (asynchronous MVC requests such as audit exports run on applicationTaskExecutor)
        ConfigurableApplicationContext querySide = services().querySide();
        assertThat(querySide.getBean("applicationTaskExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class)
                .isNotSameAs(querySide.getBean(WebhookConfiguration.SENDERS));
        assertThat(querySide.getBean("taskScheduler")).isInstanceOf(ThreadPoolTaskScheduler.class)
                .isNotSameAs(querySide.getBean(WebhookConfiguration.SCHEDULER));
    }

    /** Subscribes as a platform admin to a workspace created by {@code created}; returns the subscription's id. */
    static String subscribe(String url, String secret, Api.Response created, String... eventTypes) {
        String types = eventTypes.length == 0 ? "[]" : "[\"" + String.join("\",\"", eventTypes) + "\"]";
        Api.Response subscribed = platformAdmin().post("/v1/webhooks", "{\"url\":\"" + url + "\",\"secret\":\""
                        + secret + "\",\"workspace_id\":\"" + created.json().path("id").asText() + "\",\"event_types\":"
                        + types + "}")
                .header("X-Consistency-Token", Long.toString(created.consistencyToken())).send();
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        return subscribed.json().path("id").asText();
    }

    static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static long millisBetween(WebhookReceiver.Request earlier, WebhookReceiver.Request later) {
        return (later.receivedNanos() - earlier.receivedNanos()) / 1_000_000;
    }

    private static JsonNode json(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
