package io.workspaces.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.testing.Api;
import io.workspaces.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class AuditApiTest extends QueryTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAuditStreamPagesThroughEveryEventByCursorOldestFirst() {
        String name = uniqueName("audited");
        String id = create("alice", name, "").json().path("id").asText();
        long token = 0;
        for (int i = 0; i < 5; i++) {
            token = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"v" + i + "\"}"));
        }
        String events = "/v1/audit/events?workspace=" + id + "&limit=3";

        JsonNode first = readJson(auditor(), events, token);
        JsonNode second = readJson(auditor(), events + "&start_after=" + first.path("next_start_after").asLong(), token);
        JsonNode third = readJson(auditor(), events + "&start_after=" + second.path("next_start_after").asLong(), token);

        List<Long> positions = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.path("data").forEach(entry -> positions.add(entry.path("position").asLong()));
        }
        assertThat(positions).hasSize(7).isSorted().doesNotHaveDuplicates();
        assertThat(positions.get(6)).isEqualTo(token);
        assertThat(third.path("next_start_after").isNull()).isTrue();
        JsonNode entry = first.path("data").get(0);
        assertThat(entry.path("type").asText()).isEqualTo("workspace.created");
        assertThat(entry.path("workspace_id").asText()).isEqualTo(id);
        assertThat(entry.path("actor").asText()).isEqualTo("alice");
        assertThat(entry.fieldNames()).toIterable().contains("request_id", "client_address", "revision", "data");
    }

    @Test
    void filtersByActorTypeAndTimeRange() {
        AuditedWorkspace audited = createdByAliceAndDescribedByBob("filtered");
        String id = audited.id();
        long token = audited.token();
        String base = "/v1/audit/events?workspace=" + id;
        JsonNode all = readJson(auditor(), base, token).path("data");
        String lastAt = all.get(all.size() - 1).path("occurred_at").asText();

        assertThat(types(readJson(auditor(), base + "&actor=bob", token))).containsExactly("workspace.description-updated");
        assertThat(types(readJson(auditor(), base + "&type=workspace.member-added", token))).hasSize(2);
        assertThat(types(readJson(auditor(), base + "&actor=nobody", token))).isEmpty();
        // [from, to): the last event is in a range starting at its instant, and not in one ending there
        JsonNode fromLast = readJson(auditor(), base + "&from=" + lastAt, token).path("data");
        JsonNode toLast = readJson(auditor(), base + "&to=" + lastAt, token).path("data");
        assertThat(types(fromLast)).contains("workspace.description-updated");
        assertThat(types(toLast)).doesNotContain("workspace.description-updated");
        assertThat(fromLast.size() + toLast.size()).isEqualTo(all.size());
        fromLast.forEach(entry -> assertThat(Instant.parse(entry.path("occurred_at").asText()))
                .isAfterOrEqualTo(Instant.parse(lastAt)));
        toLast.forEach(entry -> assertThat(Instant.parse(entry.path("occurred_at").asText()))
                .isBefore(Instant.parse(lastAt)));
    }

    @Test
    void theExportIsNdjsonWithEveryLineAnEventAndACountUpFront() throws IOException {
        String name = uniqueName("exported");
        String id = create("alice", name, "").json().path("id").asText();
        long token = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"line two\"}"));

        for (String path : List.of("/v1/audit/export?workspace=" + id, "/v1/audit/events?workspace=" + id)) {
            Api.Response export = auditor().get(path).header("Accept", "application/x-ndjson")
                    .header("X-Consistency-Token", Long.toString(token)).send();
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.contentType()).startsWith("application/x-ndjson");
            assertThat(export.header("X-Audit-Event-Count")).isEqualTo("3");
            String[] lines = export.body().split("\n");
            assertThat(lines).hasSize(3);
            for (String line : lines) {
                JsonNode event = JSON.readTree(line);
                assertThat(event.path("workspace_id").asText()).isEqualTo(id);
                assertThat(event.has("position") && event.has("occurred_at") && event.has("data")).isTrue();
            }
            assertThat(JSON.readTree(lines[2]).path("data").path("new_description").asText()).isEqualTo("line two");
        }
    }

    @Test
    void eventsPerDayCountWhatTheFiltersMatchByUtcDay() {
        AuditedWorkspace audited = createdByAliceAndDescribedByBob("counted");
        String id = audited.id();
        long token = audited.token();
        JsonNode events = readJson(auditor(), "/v1/audit/events?workspace=" + id, token).path("data");

        JsonNode perDay = readJson(auditor(), "/v1/audit/events-per-day?workspace=" + id, token);
        List<String> days = new ArrayList<>();
        long counted = 0;
        for (JsonNode day : perDay.path("days")) {
            days.add(day.path("day").asText());
            counted += day.path("events").asLong();
        }
        List<String> eventDays = new ArrayList<>();
        events.forEach(event -> eventDays.add(event.path("occurred_at").asText().substring(0, 10)));
        assertThat(days).isSorted().doesNotHaveDuplicates().containsExactlyElementsOf(eventDays.stream().distinct().toList());
        assertThat(counted).isEqualTo(events.size()).isEqualTo(perDay.path("total").asLong());
        assertThat(readJson(auditor(), "/v1/audit/events-per-day?workspace=" + id + "&actor=bob", token)
                .path("total").asLong()).isEqualTo(1);
        assertThat(readJson(auditor(), "/v1/audit/events-per-day?workspace=" + id + "&type=workspace.member-added",
                token).path("total").asLong()).isEqualTo(2);
        JsonNode none = readJson(auditor(), "/v1/audit/events-per-day?workspace=" + id + "&from=2999-01-01T00:00:00Z",
                token);
        assertThat(none.path("days").isArray() && none.path("days").isEmpty()).isTrue();
        assertThat(none.path("total").asLong()).isZero();
    }

    @Test
    void eventsPerDayRefuseWhatTheStreamRefuses() {
        assertProblem(query().get("/v1/audit/events-per-day").send(), 403, "forbidden");
        assertThat(query().anonymous().get("/v1/audit/events-per-day").send().status()).isEqualTo(401);
        assertProblem(auditor().get("/v1/audit/events-per-day?workspace=no-such-workspace").send(), 404,
                "workspace-not-found");
        for (String parameter : List.of("type=workspace.renamed", "from=yesterday", "limit=10", "start_after=1")) {
            assertInvalidField(auditor().get("/v1/audit/events-per-day?" + parameter).send(),
                    parameter.substring(0, parameter.indexOf('=')));
        }
        assertInvalidField(auditor().get("/v1/audit/events-per-day?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .send(), "to");
    }

    @Test
    void onlyAuditorsAndPlatformAdminsReadTheAuditStream() {
        assertProblem(query().get("/v1/audit/events").send(), 403, "forbidden");
        assertProblem(query().get("/v1/audit/export").header("Accept", "application/x-ndjson").send(), 403, "forbidden");
        assertProblem(query().post("/v1/audit/verify", "{}").send(), 403, "forbidden");
        assertThat(query().anonymous().get("/v1/audit/events").send().status()).isEqualTo(401);
        assertThat(query().withRoles("pat", "platform-admin").get("/v1/audit/events?limit=1").send().status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "start_after=-1", "start_after=x", "type=workspace.renamed",
            "actor=has%20space", "from=yesterday", "to=2026-13-01T00:00:00Z", "unknown=1"})
    void badFiltersAnswer422(String parameter) {
        assertInvalidField(auditor().get("/v1/audit/events?" + parameter).send(), parameter.substring(0, parameter.indexOf('=')));
    }

    @Test
    void anEmptyOrInvertedTimeRangeAnswers422AndAnUnknownWorkspace404() {
        assertInvalidField(auditor().get("/v1/audit/events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").send(), "to");
        assertProblem(auditor().get("/v1/audit/events?workspace=no-such-workspace").send(), 404, "workspace-not-found");
    }

    /** The event types of a page, or of its {@code data} array. */
    private static List<String> types(JsonNode pageOrData) {
        List<String> types = new ArrayList<>();
        JsonNode data = pageOrData.isArray() ? pageOrData : pageOrData.path("data");
        data.forEach(entry -> types.add(entry.path("type").asText()));
        return types;
    }

    private record AuditedWorkspace(String id, long token) {
    }

    /** Three events: alice creates a workspace, adds bob as admin, and bob changes its description (the token's). */
    private AuditedWorkspace createdByAliceAndDescribedByBob(String prefix) {
        String name = uniqueName(prefix);
        String id = create("alice", name, "").json().path("id").asText();
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"admin\"}"));
        long token = write(command().as("bob").patch("/v1/workspaces/" + name, "{\"description\":\"by bob\"}"));
        return new AuditedWorkspace(id, token);
    }
}
