package io.workspaces.query.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.query.feed.DownstreamServices;
import io.workspaces.query.feed.DownstreamTestBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbound address policy when sending: the operator's allow-list (here 127.0.0.1/32 and ports 80, 443 and
 * 1024-65535, see {@link DownstreamServices}) admits the local receivers; before every attempt the URL is judged
 * again and a refused one is not requested; the connection goes to the address that was judged; and the attempt
 * log shows coarse failure classes only. Host names under {@code .test} resolve as {@link ScriptedHosts} is told.
 */
class WebhookOutboundPolicyTest extends DownstreamTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final InetAddress RECEIVERS = address("127.0.0.1");
    private static final Set<String> ATTEMPT_FIELDS = Set.of("attempt", "attempted_at", "status_code", "error");

    @Test
    void theAllowListAdmitsTheLocalReceiverAndItsPortButNothingElseInternal() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Response workspace = create(uniqueName("allowed"));
            String subscription = WebhookDeliveryTest.subscribe(receiver.url(), WebhookDeliveryTest.newSecret(),
                    workspace);
            describe(workspace.json().path("name").asText(), "to the allowed receiver");
            await().atMost(WAIT).until(() -> receiver.requests().stream().anyMatch(WebhookReceiver.Request::succeeded));
            await().atMost(WAIT).until(() -> deliveries(subscription, "delivered").size() == 1);

            for (String refused : List.of(receiver.url("127.0.0.2"), receiver.url("[::1]"),
                    receiver.url("[fe80::1]"), receiver.url("10.0.0.1"))) {
                JsonNode problem = assertInvalidField(platformAdmin().post("/v1/webhooks",
                        "{\"url\":\"" + refused + "\"}").send(), "url");
                assertThat(problem.path("errors").get(0).path("message").asText()).as(refused)
                        .isEqualTo(WebhookAddressPolicy.REFUSED_HOST);
            }
            JsonNode problem = assertInvalidField(platformAdmin().post("/v1/webhooks",
                    "{\"url\":\"http://127.0.0.1:1023/hooks\"}").send(), "url");
            assertThat(problem.path("errors").get(0).path("message").asText())
                    .isEqualTo("must use an allowed port: 80, 443, 1024-65535");
        }
    }

    @Test
    void aHostThatNowResolvesToAForbiddenAddressIsRefusedBeforeEveryAttemptWithoutARequest() throws Exception {
        List<InetAddress> forbidden = ForbiddenAddresses.resolved()
                .filter(address -> !address.equals(RECEIVERS)
                        && !AddressKind.embeddedIpv4(address).map(RECEIVERS::equals).orElse(false))
                .sampleStream().limit(8).toList();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            List<String> subscriptions = new ArrayList<>();
            List<String> workspaces = new ArrayList<>();
            for (int i = 0; i < forbidden.size(); i++) {
                String host = "moved-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
                ScriptedHosts.answer(host, RECEIVERS);
                Api.Response workspace = create(uniqueName("moved"));
                workspaces.add(workspace.json().path("name").asText());
                subscriptions.add(WebhookDeliveryTest.subscribe(receiver.url(host), WebhookDeliveryTest.newSecret(),
                        workspace));
                // now it leads somewhere forbidden: alone, or next to the allowed address
                ScriptedHosts.answer(host, i % 2 == 0 ? new InetAddress[]{forbidden.get(i)}
                        : new InetAddress[]{RECEIVERS, forbidden.get(i)});
            }
            workspaces.forEach(name -> describe(name, "after the move"));

            for (int i = 0; i < subscriptions.size(); i++) {
                String subscription = subscriptions.get(i);
                await().atMost(WAIT).until(() -> deliveries(subscription, "dead").size() == 1);
                JsonNode delivery = delivery(subscription, deliveries(subscription, "dead").get(0));
                assertThat(delivery.path("last_error").asText()).as(forbidden.get(i).toString())
                        .isEqualTo("refused-by-policy");
                assertThat(delivery.path("attempt_log")).hasSize(DownstreamServices.ATTEMPTS);
                delivery.path("attempt_log").forEach(attempt -> {
                    assertThat(attempt.path("error").asText()).isEqualTo("refused-by-policy");
                    assertThat(attempt.path("status_code").isNull()).isTrue();
                });
                assertThat(receiver.requestsFor(delivery.path("event_id").asText())).isEmpty();
            }
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void theAttemptConnectsToTheAddressThatWasCheckedAndKeepsTheHostName() throws Exception {
        String host = "pinned-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        try (WebhookReceiver checked = new WebhookReceiver();
             WebhookReceiver elsewhere = new WebhookReceiver(address("127.0.0.2"), checked.port())) {
            // subscribing and the attempt's check see 127.0.0.1; any lookup after them would see 127.0.0.2
            ScriptedHosts.answerInTurn(host, List.of(new InetAddress[]{RECEIVERS}, new InetAddress[]{RECEIVERS},
                    new InetAddress[]{address("127.0.0.2")}));
            Api.Response workspace = create(uniqueName("pinned"));
            String name = workspace.json().path("name").asText();
            String secret = WebhookDeliveryTest.newSecret();
            String subscription = WebhookDeliveryTest.subscribe(checked.url(host), secret, workspace);
            assertThat(ScriptedHosts.lookups(host)).isEqualTo(1);

            describe(name, "to the checked address");
            await().atMost(WAIT).until(() -> checked.requests().size() == 1);
            WebhookReceiver.Request request = checked.requests().get(0);
            assertThat(request.header("host")).isEqualTo(host + ":" + checked.port());
            assertThat(StandardWebhooksVerifier.verify(secret, request)).isTrue();
            // normally delivered at once; on a machine slow enough for the attempt to time out, the retries'
            // checks see 127.0.0.2 and refuse it: either way no lookup but the checks' ones, and nothing elsewhere
            await().atMost(WAIT).until(() -> deliveries(subscription, "pending").isEmpty());
            JsonNode first = delivery(subscription, deliveries(subscription, null).get(0));
            assertThat(ScriptedHosts.lookups(host)).as("one lookup when subscribing and one per attempt")
                    .isEqualTo(1 + first.path("attempts").asInt());
            assertThat(elsewhere.arrived()).isZero();

            // the next attempt's check sees 127.0.0.2: refused, and still nothing reaches it
            describe(name, "after the rebinding");
            await().atMost(WAIT).until(() -> deliveries(subscription, null).size() == 2
                    && deliveries(subscription, "pending").isEmpty());
            JsonNode second = delivery(subscription, deliveries(subscription, null).get(0));
            assertThat(second.path("status").asText()).isEqualTo("dead");
            assertThat(second.path("attempt_log").findValuesAsText("error")).containsOnly("refused-by-policy");
            assertThat(elsewhere.arrived()).isZero();
            assertThat(checked.requests()).hasSize(1);
        }
    }

    @Test
    void attemptsShowOnlyCoarseClassesAndNoDurations() throws Exception {
        try (WebhookReceiver failing = new WebhookReceiver().failAlways(true);
             WebhookReceiver hanging = new WebhookReceiver().hang();
             Resetter resetting = new Resetter()) {
            int closedPort;
            try (ServerSocket probe = new ServerSocket(0, 1, RECEIVERS)) {
                closedPort = probe.getLocalPort();
            }
            String answers503 = subscribeAndDescribe(failing.url());
            String refusesConnections = subscribeAndDescribe("http://127.0.0.1:" + closedPort + "/hooks");
            String resetsConnections = subscribeAndDescribe("http://127.0.0.1:" + resetting.port() + "/hooks");
            String neverAnswers = subscribeAndDescribe(hanging.url());

            JsonNode serverError = deadDelivery(answers503);
            assertThat(serverError.path("last_error").asText()).isEqualTo("http-5xx");
            assertThat(serverError.path("last_status_code").asInt()).isEqualTo(503);
            assertCoarse(serverError, "http-5xx");

            // a refused connection and a reset one look the same
            JsonNode refused = deadDelivery(refusesConnections);
            JsonNode reset = deadDelivery(resetsConnections);
            assertThat(resetting.accepted()).as("the resetting port was reached").isPositive();
            assertCoarse(refused, "unreachable");
            assertCoarse(reset, "unreachable");
            assertThat(refused.path("last_status_code").isNull()).isTrue();
            assertThat(reset.path("last_status_code").isNull()).isTrue();

            await().atMost(WAIT).until(() -> deliveries(neverAnswers, null).stream()
                    .anyMatch(id -> delivery(neverAnswers, id).path("attempt_log").size() > 0));
            JsonNode timedOut = delivery(neverAnswers, deliveries(neverAnswers, null).get(0));
            assertThat(timedOut.path("attempt_log").get(0).path("error").asText()).isEqualTo("timeout");
            assertThat(timedOut.toString()).doesNotContain("duration");
        }
    }

    @Test
    void attemptsRecordedBeforeTheCoarseClassesAreShownAsTheirClass() {
        Api.Response workspace = create(uniqueName("legacy"));
        String subscription = WebhookDeliveryTest.subscribe("https://hooks.example.com/legacy",
                WebhookDeliveryTest.newSecret(), workspace);
        UUID delivery = UUID.randomUUID();
        services().jdbc().update("""
                        INSERT INTO webhook_delivery (id, subscription_id, event_id, position, workspace_id, event_type,
                            envelope, status, attempts, created_at, last_attempt_at, last_status_code, last_error,
                            dead_at)
                        VALUES (?, ?::uuid, 'legacy-event', 1, ?::uuid, 'workspace.description-updated', '{}',
                            'dead', 7, now(), now(), NULL, 'connection refused', now())""",
                delivery, subscription, workspace.json().path("id").asText());
        String[][] attempts = {{"answered HTTP 503", "503"}, {"no answer within 2000 ms", null},
                {"request failed (SSLHandshakeException)", null}, {"could not connect in time", null},
                {"connection refused", null}, {"answered HTTP 404", "404"}, {"interrupted", null}};
        for (int i = 0; i < attempts.length; i++) {
            services().jdbc().update("""
                            INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, duration_ms, status_code,
                                error) VALUES (?, ?, now(), ?, ?, ?)""",
                    delivery, i + 1, 17 + i, attempts[i][1] == null ? null : Integer.valueOf(attempts[i][1]),
                    attempts[i][0]);
        }

        JsonNode shown = delivery(subscription, delivery.toString());
        assertThat(shown.path("last_error").asText()).isEqualTo("unreachable");
        assertThat(shown.path("attempt_log").findValuesAsText("error")).containsExactly("http-5xx", "timeout",
                "unreachable", "unreachable", "unreachable", "http-4xx", "interrupted");
        assertThat(shown.path("attempt_log").findValuesAsText("status_code"))
                .containsExactly("503", "null", "null", "null", "null", "404", "null");
        shown.path("attempt_log").forEach(attempt -> assertThat(fields(attempt)).isEqualTo(ATTEMPT_FIELDS));
        assertThat(auditor().get("/v1/webhooks/" + subscription + "/deliveries").send().json().path("data").get(0)
                .path("last_error").asText()).isEqualTo("unreachable");
    }

    /** Subscribes to {@code url} for a new workspace and writes one event to it; returns the subscription. */
    private static String subscribeAndDescribe(String url) {
        Api.Response workspace = create(uniqueName("coarse"));
        String subscription = WebhookDeliveryTest.subscribe(url, WebhookDeliveryTest.newSecret(), workspace);
        describe(workspace.json().path("name").asText(), "one event");
        return subscription;
    }

    private static JsonNode deadDelivery(String subscription) {
        await().atMost(WAIT).until(() -> deliveries(subscription, "dead").size() == 1);
        return delivery(subscription, deliveries(subscription, "dead").get(0));
    }

    private static void assertCoarse(JsonNode delivery, String failure) {
        assertThat(delivery.path("attempt_log")).hasSize(DownstreamServices.ATTEMPTS);
        delivery.path("attempt_log").forEach(attempt -> {
            assertThat(fields(attempt)).isEqualTo(ATTEMPT_FIELDS);
            assertThat(attempt.path("error").asText()).isEqualTo(failure);
        });
        assertThat(delivery.toString()).doesNotContain("duration", "refused", "reset", "Exception", "127.0.0.1");
    }

    private static List<String> deliveries(String subscription, String status) {
        JsonNode page = auditor().get("/v1/webhooks/" + subscription + "/deliveries"
                + (status == null ? "" : "?status=" + status)).send().json();
        return page.path("data").findValuesAsText("id");
    }

    private static JsonNode delivery(String subscription, String delivery) {
        Api.Response response = auditor().get("/v1/webhooks/" + subscription + "/deliveries/" + delivery).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A port on 127.0.0.1 that accepts every connection and resets it at once, without a word of HTTP. */
    private static final class Resetter implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, RECEIVERS);
        private final Thread acceptor = new Thread(this::accept, "resetter");
        private volatile int accepted;

        Resetter() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted;
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket connection = server.accept()) {
                    accepted++;
                    connection.setSoLinger(true, 0);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
