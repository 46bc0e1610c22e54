package io.workspaces.query.broker;

import io.workspaces.query.feed.DownstreamTestBase;
import io.workspaces.query.feed.TestBroker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events reach RabbitMQ at least once, in order per workspace, through the real broker, also when the broker
 * goes away in the middle of a stream of writes.
 */
class BrokerPublishingTest extends DownstreamTestBase {

    @Test
    void aThousandEventsArriveInOrderPerWorkspaceWithoutGapsOrDuplicates() throws Exception {
        try (TestBroker broker = TestBroker.consume(services().exchange())) {
            List<String> workspaces = createWorkspaces("thousand", 20);
            writeConcurrently(workspaces, 48, 4);

            Map<String, List<String>> expected = eventIdsOf(workspaces);
            assertThat(expected.values().stream().mapToInt(List::size).sum()).isEqualTo(1000);
            await().atMost(Duration.ofSeconds(60)).until(() -> workspaces.stream()
                    .allMatch(id -> broker.of(id).size() >= expected.get(id).size()));

            for (String workspace : workspaces) {
                List<TestBroker.Received> messages = broker.of(workspace);
                assertThat(messages).extracting(TestBroker.Received::id).as("workspace %s", workspace)
                        .containsExactlyElementsOf(expected.get(workspace));
                assertThat(messages).extracting(TestBroker.Received::position).isSorted();
            }
            TestBroker.Received message = broker.of(workspaces.get(0)).get(1);
            assertThat(message.routingKey()).isEqualTo("workspace.member-added")
                    .isEqualTo(message.envelope().path("type").asText());
            assertThat(message.properties().getDeliveryMode()).as("persistent").isEqualTo(2);
            assertThat(message.properties().getContentType()).isEqualTo("application/json");
            assertThat(message.properties().getMessageId()).isEqualTo(message.id());
            assertThat(message.properties().getHeaders()).containsEntry("envelope_version", 1)
                    .containsEntry("position", message.position());
        }
    }

    @Test
    void aBrokerOutageMidStreamPausesPublishingAndLosesNothing() throws Exception {
        BrokerStatus status = services().querySide().getBean(BrokerStatus.class);
        try (TestBroker broker = TestBroker.consume(services().exchange())) {
            List<String> workspaces = createWorkspaces("outage", 3);
            AtomicInteger written = new AtomicInteger();
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    for (String workspace : workspaces) {
                        describe(workspace, "write " + i);
                        written.incrementAndGet();
                    }
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> ours(broker, workspaces) >= 30);
            services().brokerProxy().cut();
            try {
                await().atMost(Duration.ofSeconds(30)).until(status::paused);
                int receivedWhileDown = ours(broker, workspaces);
                await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= 90);
                assertThat(ours(broker, workspaces)).as("nothing arrives while the broker is away")
                        .isEqualTo(receivedWhileDown);
            } finally {
                services().brokerProxy().restore();
            }
            writes.get(60, TimeUnit.SECONDS);

            Map<String, List<String>> expected = eventIdsOf(workspaces);
            await().atMost(Duration.ofSeconds(60)).until(() -> workspaces.stream()
                    .allMatch(id -> firstArrivals(broker, id).size() >= expected.get(id).size()));
            for (String workspace : workspaces) {
                assertThat(firstArrivals(broker, workspace)).as("workspace %s, duplicates dropped", workspace)
                        .containsExactlyElementsOf(expected.get(workspace));
            }
            // The broker delivers a batch to consumers before its confirms reach the publisher, which resumes then.
            await().atMost(Duration.ofSeconds(30)).until(() -> !status.paused());
            System.out.printf("broker outage: %d events, %d messages received (%d duplicates re-published)%n",
                    expected.values().stream().mapToInt(List::size).sum(), ours(broker, workspaces),
                    ours(broker, workspaces) - expected.values().stream().mapToInt(List::size).sum());
        }
    }

    private static List<String> createWorkspaces(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(create(uniqueName(prefix)).json().path("id").asText());
        }
        return ids;
    }

    /** {@code perWorkspace} description updates in each workspace, from {@code threads} writers at once. */
    private static void writeConcurrently(List<String> workspaces, int perWorkspace, int threads) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (String workspace : workspaces) {
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perWorkspace; i++) {
                        describe(workspace, "update " + i);
                    }
                }, writers));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            writers.shutdownNow();
        }
    }

    /** The ids of each workspace's events in the event log, in the workspace's order. */
    private static Map<String, List<String>> eventIdsOf(List<String> workspaces) {
        Map<String, List<String>> ids = new java.util.LinkedHashMap<>();
        for (String workspace : workspaces) {
            ids.put(workspace, services().jdbc().queryForList("""
                    SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?
                    ORDER BY sequence_number""", String.class, workspace));
        }
        return ids;
    }

    private static int ours(TestBroker broker, List<String> workspaces) {
        return workspaces.stream().mapToInt(id -> broker.of(id).size()).sum();
    }

    /** A workspace's event ids in the order they first arrived: what a consumer that drops duplicates sees. */
    private static List<String> firstArrivals(TestBroker broker, String workspace) {
        return List.copyOf(new LinkedHashSet<>(broker.of(workspace).stream().map(TestBroker.Received::id).toList()));
    }
}
