package io.workspaces.query.broker;

import io.workspaces.common.testing.Api;
import io.workspaces.query.feed.DownstreamTestBase;
import io.workspaces.query.feed.TestBroker;
import io.workspaces.query.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures end-to-end delivery latency: from the moment the command side acknowledges a write (its HTTP response
 * is in) to the moment the event is consumed from a RabbitMQ queue, and to the moment a webhook receiver gets
 * it. One write at a time, each waiting for both, so it measures an idle system's latency, not a backlog.
 * Writes the percentiles to {@code target/downstream-latency.txt}.
 */
class DeliveryLatencyTest extends DownstreamTestBase {

    private static final int WARM_UP = 20;
    private static final int SAMPLES = 100;

    @Test
    void measuresWriteAcknowledgedToMessageConsumedAndToWebhookReceived() throws IOException {
        try (TestBroker broker = TestBroker.consume(services().exchange());
             WebhookReceiver receiver = new WebhookReceiver()) {
            String name = uniqueName("latency");
            Api.Response created = create(name);
            Api.Response subscribed = platformAdmin().post("/v1/webhooks", "{\"url\":\"" + receiver.url()
                            + "\",\"workspace_id\":\"" + created.json().path("id").asText() + "\"}")
                    .header("X-Consistency-Token", Long.toString(created.consistencyToken())).send();
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);

            List<Long> toBroker = new ArrayList<>();
            List<Long> toWebhook = new ArrayList<>();
            for (int i = 0; i < WARM_UP + SAMPLES; i++) {
                long position = describe(name, "sample " + i);
                long acknowledged = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() ->
                        consumed(broker, position).isPresent() && webhook(receiver, position).isPresent());
                if (i >= WARM_UP) {
                    toBroker.add(consumed(broker, position).orElseThrow() - acknowledged);
                    toWebhook.add(webhook(receiver, position).orElseThrow() - acknowledged);
                }
            }
            String report = "write acknowledged -> consumed from RabbitMQ: " + summary(toBroker) + "\n"
                    + "write acknowledged -> webhook received:       " + summary(toWebhook) + "\n";
            System.out.print(report);
            Files.writeString(Path.of("target/downstream-latency.txt"), report);
            assertThat(percentile(toBroker, 95)).as("p95 to RabbitMQ").isLessThan(2_000_000_000L);
            assertThat(percentile(toWebhook, 95)).as("p95 to the webhook").isLessThan(2_000_000_000L);
        }
    }

    private static Optional<Long> consumed(TestBroker broker, long position) {
        return broker.received().stream().filter(message -> message.position() == position)
                .map(TestBroker.Received::receivedNanos).findFirst();
    }

    private static Optional<Long> webhook(WebhookReceiver receiver, long position) {
        return receiver.requests().stream().filter(request -> request.body().contains("\"position\":" + position + ","))
                .map(WebhookReceiver.Request::receivedNanos).findFirst();
    }

    private static String summary(List<Long> nanos) {
        return String.format("n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", nanos.size(),
                percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6, percentile(nanos, 99) / 1e6,
                Collections.max(nanos) / 1e6);
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
