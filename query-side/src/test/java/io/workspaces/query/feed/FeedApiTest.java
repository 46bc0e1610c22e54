package io.workspaces.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FeedApiTest extends DownstreamTestBase {

    @Test
    void theFeedPagesThroughEveryEventAfterAPositionInOrder() {
        String name = uniqueName("feed");
        Api.Response created = create(name);
        long start = created.consistencyToken();
        long last = 0;
        for (int i = 0; i < 7; i++) {
            last = describe(name, "v" + i);
        }
        long end = last;
        await().atMost(Duration.ofSeconds(10)).until(() -> positions(feedAfter(start)).contains(end));

        Api.Response first = auditor().get("/v1/events?after=" + start + "&limit=3").send();
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        JsonNode page = first.json();
        assertThat(page.path("data")).hasSize(3);
        assertThat(page.path("has_more").asBoolean()).isTrue();
        long nextAfter = page.path("next_after").asLong();
        assertThat(nextAfter).isEqualTo(page.path("data").get(2).path("position").asLong());
        assertThat(first.header("Link")).isEqualTo("</v1/events?after=" + nextAfter + "&limit=3>; rel=\"next\"");

        List<JsonNode> all = feedAfter(start);
        assertThat(positions(all)).isSorted().doesNotHaveDuplicates().endsWith(end).hasSize(7);
        JsonNode envelope = all.get(0);
        assertThat(envelope.fieldNames()).toIterable().containsExactly("id", "type", "revision", "position",
                "workspace_id", "occurred_at", "actor", "data");
        assertThat(envelope.path("type").asText()).isEqualTo("workspace.description-updated");
        assertThat(envelope.path("revision").asText()).isEqualTo("1");
        assertThat(envelope.path("workspace_id").asText()).isEqualTo(created.json().path("id").asText());
        assertThat(envelope.path("actor").asText()).isEqualTo("alice");
        assertThat(envelope.path("data").path("new_description").asText()).isEqualTo("v0");

        JsonNode empty = auditor().get("/v1/events?after=" + end).send().json();
        assertThat(empty.path("data")).isEmpty();
        assertThat(empty.path("next_after").asLong()).isEqualTo(end);
        assertThat(empty.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void theFeedStartsAtTheBeginningAndIsForAuditorsAndPlatformAdminsOnly() {
        long token = create(uniqueName("readers")).consistencyToken();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                auditor().get("/v1/events?after=" + (token - 1)).send().json().path("data").size() == 1);

        JsonNode beginning = platformAdmin().get("/v1/events?limit=2").send().json();
        assertThat(beginning.path("data").get(0).path("position").asLong()).isEqualTo(1);
        assertThat(beginning.path("data").get(0).path("actor").asText()).isEqualTo("system:workspaces");

        assertProblem(services().query().as("alice").get("/v1/events").send(), 403, "forbidden");
        assertProblem(services().query().anonymous().get("/v1/events").send(), 401, "unauthenticated");
        assertProblem(services().query().as("alice").get("/v1/events/stream").send(), 403, "forbidden");
        assertProblem(services().query().anonymous().get("/v1/events/stream").send(), 401, "unauthenticated");
    }

    @Test
    void badParametersAreRefusedWithTheFieldInError() {
        long head = create(uniqueName("params")).consistencyToken();
        assertInvalidField(auditor().get("/v1/events?after=-1").send(), "after");
        assertInvalidField(auditor().get("/v1/events?after=abc").send(), "after");
        assertInvalidField(auditor().get("/v1/events?after=" + (head + 1_000_000)).send(), "after");
        assertInvalidField(auditor().get("/v1/events?limit=0").send(), "limit");
        assertInvalidField(auditor().get("/v1/events?limit=1001").send(), "limit");
        assertInvalidField(auditor().get("/v1/events?limit=1&limit=2").send(), "limit");
        assertInvalidField(auditor().get("/v1/events?page=2").send(), "page");
        assertInvalidField(auditor().get("/v1/events/stream?after=x").send(), "after");
        assertInvalidField(auditor().get("/v1/events/stream").header("Last-Event-ID", "x").send(), "Last-Event-ID");
        assertInvalidField(auditor().get("/v1/events/stream?limit=3").send(), "limit");
    }

    @Test
    void aPositionNoEventHasReadsAsAfterTheEventsBelowIt() {
        String name = uniqueName("gap");
        long before = create(name).consistencyToken();
        // burn a position, as a write that rolls back does: no event will ever have it
        long gap = services().jdbc().queryForObject(
                "SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))", Long.class);
        long after = describe(name, "after the gap");
        await().atMost(Duration.ofSeconds(10)).until(() -> positions(feedAfter(before)).contains(after));

        assertThat(positions(feedAfter(gap))).containsExactly(after);
        assertThat(positions(feedAfter(before))).containsExactly(after);
    }

    @Test
    void anEventThatCommitsLateFollowsLaterPositionsInTheFeedAndIsNeverSkipped() throws Exception {
        String name = uniqueName("early");
        long before = create(name).consistencyToken();
        long latePosition;
        long committedFirst;
        try (Connection late = DriverManager.getConnection(services().databaseUrl(), TestDatabase.USER,
                TestDatabase.PASSWORD)) {
            late.setAutoCommit(false);
            // an append whose transaction stays open while a later one commits, as concurrent writers do
            UUID workspace = UUID.randomUUID();
            try (PreparedStatement insert = late.prepareStatement("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        meta_data, payload, payload_revision, payload_type, time_stamp)
                    VALUES (?, 0, 'Workspace', ?, '{"actor":"late-writer"}', ?, '1', 'workspace.created', ?)
                    RETURNING global_index""")) {
                insert.setString(1, workspace.toString());
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, "{\"workspace_id\":\"" + workspace + "\",\"name\":\"" + uniqueName("late")
                        + "\",\"description\":\"\",\"built_in\":false}");
                insert.setString(4, Instant.now().toString());
                try (ResultSet inserted = insert.executeQuery()) {
                    inserted.next();
                    latePosition = inserted.getLong(1);
                }
            }
            committedFirst = describe(name, "committed first");
            assertThat(committedFirst).isGreaterThan(latePosition);
            long first = committedFirst;
            await().atMost(Duration.ofSeconds(10)).until(() -> positions(feedAfter(before)).contains(first));
            late.commit();
        }
        long lateOne = latePosition;
        await().atMost(Duration.ofSeconds(30)).until(() -> positions(feedAfter(before)).contains(lateOne));

        assertThat(positions(feedAfter(before))).containsExactly(committedFirst, latePosition);
        assertThat(positions(feedAfter(committedFirst))).as("a consumer that had read up to the later event")
                .containsExactly(latePosition);
        assertThat(positions(feedAfter(latePosition))).isEmpty();
    }
}
