package io.workspaces.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.workspaces.common.testing.ProblemAssert.assertProblem;
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

    @Test
    void aStreamStartsWithAHeartbeatBeforeItsFirstEvent() {
        String name = uniqueName("greeted");
        long start = create(name).consistencyToken();
        long described = describe(name, "waiting");
        await().atMost(Duration.ofSeconds(10)).until(() -> positions(feedAfter(start)).contains(described));

        try (SseClient stream = SseClient.open(streamUrl("?after=" + start), AUDITOR_TOKEN, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
            assertThat(stream.commentFirst()).as("a comment line before the waiting event").isTrue();
        }
    }

    @Test
    void oneCallerHoldsAtMostFiveStreamsAndAStreamItClosesFreesItsSlot() {
        String token = auditorToken(uniqueName("auditor"));
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                streams.add(SseClient.open(streamUrl(""), token, null));
                assertThat(streams.get(i).status()).isEqualTo(200);
            }

            Api.Response refused = services().query().bearer(token).get("/v1/events/stream").send();

            JsonNode problem = assertProblem(refused, 503, "too-many-streams");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(problem.path("detail").asText()).contains("this caller already holds 5 event streams");
            try (SseClient someoneElse = SseClient.open(streamUrl(""), auditorToken(uniqueName("auditor")), null)) {
                assertThat(someoneElse.status()).isEqualTo(200);
            }

            streams.remove(0).close();
            // the stream's next write (a heartbeat, every 300 ms here) fails on the closed connection
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                SseClient again = SseClient.open(streamUrl(""), token, null);
                streams.add(again);
                return again.status() == 200;
            });
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpiresAndSaysWhyWhileOneOfDevelopmentAuthenticationGoesOn() {
        String principal = uniqueName("auditor");
        Instant expiry = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        String expiring = TestTokens.sign(TestTokens.claims(principal, List.of("auditor"))
                .expirationTime(Date.from(expiry)).build(), TestTokens.SECRET);

        try (SseClient withToken = SseClient.open(streamUrl(""), expiring, null);
             SseClient withHeaders = SseClient.open(streamUrl(""),
                     Map.of("X-Workspaces-Principal", principal, "X-Workspaces-Roles", "auditor"))) {
            assertThat(withToken.status()).isEqualTo(200);
            assertThat(withHeaders.status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(15)).until(withToken::endedByServer);

            assertThat(Instant.now()).as("not before the token's exp").isAfterOrEqualTo(expiry);
            assertThat(withToken.named()).singleElement().satisfies(end -> {
                assertThat(end.name()).isEqualTo("end");
                assertThat(end.data().path("reason").asText()).isEqualTo("token-expired");
            });
            int heartbeats = withHeaders.comments();
            await().atMost(Duration.ofSeconds(5)).until(() -> withHeaders.comments() > heartbeats + 2);
            assertThat(withHeaders.endedByServer()).isFalse();
            assertThat(withHeaders.named()).isEmpty();
        }
    }

    private static String auditorToken(String principal) {
        return TestTokens.token(principal, List.of("auditor"));
    }

    private static String streamUrl(String query) {
        return "http://127.0.0.1:" + services().querySide().getEnvironment().getProperty("local.server.port")
                + "/v1/events/stream" + query;
    }
}
