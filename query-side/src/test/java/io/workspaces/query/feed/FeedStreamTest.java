package io.workspaces.query.feed;

import io.workspaces.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FeedStreamTest extends DownstreamTestBase {

    private static final String AUDITOR_TOKEN = TestTokens.token("auditor-ann", List.of("auditor"));

    @Test
    void aStreamResumesFromLastEventIdWithoutGapsOrDuplicates() {
        String name = uniqueName("stream");
        long start = create(name).consistencyToken();
        List<SseClient.Event> received = new ArrayList<>();
        String lastId;
        try (SseClient first = SseClient.open(streamUrl("?after=" + start), AUDITOR_TOKEN, null)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Content-Type")).startsWith("text/event-stream");
            for (int i = 0; i < 15; i++) {
                describe(name, "first " + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> first.events().size() >= 10);
            List<SseClient.Event> seen = first.events();
            received.addAll(seen);
            lastId = seen.get(seen.size() - 1).id();
            assertThat(first.retry()).isEqualTo("1000");
        }
        long last = 0;
        for (int i = 0; i < 10; i++) {
            last = describe(name, "while away " + i);
        }
        // the header wins over ?after=, as it must for an EventSource reconnecting to the URL it started with
        try (SseClient second = SseClient.open(streamUrl("?after=" + start), AUDITOR_TOKEN, lastId)) {
            long end = last;
            await().atMost(Duration.ofSeconds(10)).until(() -> second.events().stream()
                    .anyMatch(event -> event.id().equals(Long.toString(end))));
            received.addAll(second.events());
        }

        List<Long> streamed = received.stream().map(event -> Long.parseLong(event.id())).toList();
        assertThat(streamed).doesNotHaveDuplicates().isSorted();
        assertThat(streamed).isEqualTo(positions(feedAfter(start)));
        assertThat(streamed).hasSize(25).endsWith(last);
        SseClient.Event event = received.get(0);
        assertThat(event.data().path("position").asText()).isEqualTo(event.id());
        assertThat(event.data().path("data").path("new_description").asText()).isEqualTo("first 0");
    }

    @Test
    void anIdleStreamSendsHeartbeatsAndStartsWithNewEventsWhenGivenNoPosition() {
        String name = uniqueName("idle");
        long created = create(name).consistencyToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> positions(feedAfter(created - 1)).contains(created));
        try (SseClient stream = SseClient.open(streamUrl(""), AUDITOR_TOKEN, null)) {
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.comments() >= 2);
            assertThat(stream.events()).isEmpty();

            long next = describe(name, "news");
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
            assertThat(stream.events()).extracting(SseClient.Event::id).containsExactly(Long.toString(next));
        }
    }

    private static String streamUrl(String query) {
        return "http://127.0.0.1:" + services().querySide().getEnvironment().getProperty("local.server.port")
                + "/v1/events/stream" + query;
    }
}
