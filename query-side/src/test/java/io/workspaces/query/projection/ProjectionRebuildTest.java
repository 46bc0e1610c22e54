package io.workspaces.query.projection;

import io.workspaces.query.support.QueryTestBase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Any read model rebuilt from position 0 equals the one built live, row for row. */
class ProjectionRebuildTest extends QueryTestBase {

    private static final Map<String, String> READ_MODELS = Map.of(
            "workspace_view", "id",
            "membership", "workspace_id, principal",
            "workspace_entity", "workspace_id, entity_type, entity_id",
            "workspace_history", "position");

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionProgress progress;

    @Test
    void rebuildingEveryProjectionFromTheStartYieldsIdenticalRows() {
        String name = uniqueName("rebuilt");
        create("alice", name, "first");
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"admin\"}"));
        write(command().put("/v1/workspaces/" + name + "/members/carol", "{\"role\":\"viewer\"}"));
        write(command().put("/v1/workspaces/" + name + "/members/carol", "{\"role\":\"editor\"}"));
        write(command().delete("/v1/workspaces/" + name + "/members/alice"));
        write(command().as("bob").put("/v1/workspaces/" + name + "/entities/dataset/d1"));
        write(command().as("bob").put("/v1/workspaces/" + name + "/entities/model/m1"));
        write(command().as("bob").delete("/v1/workspaces/" + name + "/entities/model/m1"));
        write(command().as("bob").patch("/v1/workspaces/" + name, "{\"description\":\"second\"}"));
        String doomed = uniqueName("doomed");
        create("alice", doomed, "");
        long head = write(command().delete("/v1/workspaces/" + doomed));
        awaitPassed(head);
        Map<String, List<Map<String, Object>>> live = snapshot();
        assertThat(live.get("workspace_history")).hasSizeGreaterThan(12);

        for (String projection : Projections.ALL) {
            StreamingEventProcessor processor = processing.eventProcessor(projection, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        awaitPassed(head);

        assertThat(snapshot()).isEqualTo(live);
    }

    /** Events applied a second time over the rows they built (tokens lost, not reset) change nothing. */
    @Test
    void replayingEveryEventOverTheLiveRowsChangesNothing() {
        String name = uniqueName("replayed");
        create("alice", name, "first");
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"admin\"}"));
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"viewer\"}"));
        write(command().delete("/v1/workspaces/" + name + "/members/bob"));
        write(command().put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}"));
        write(command().put("/v1/workspaces/" + name + "/entities/dataset/d1"));
        write(command().delete("/v1/workspaces/" + name + "/entities/dataset/d1"));
        write(command().put("/v1/workspaces/" + name + "/entities/dataset/d1"));
        String doomed = uniqueName("doomed");
        create("alice", doomed, "");
        long head = write(command().delete("/v1/workspaces/" + doomed));
        awaitPassed(head);
        Map<String, List<Map<String, Object>>> live = snapshot();

        for (String projection : Projections.ALL) {
            StreamingEventProcessor processor = processing.eventProcessor(projection, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            jdbc.update("UPDATE token_entry SET token = NULL, token_type = NULL WHERE processor_name = ?", projection);
            processor.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Projections.ALL.stream().allMatch(projection ->
                processing.eventProcessor(projection, StreamingEventProcessor.class).orElseThrow()
                        .processingStatus().values().stream()
                        .allMatch(status -> !status.isErrorState() && status.getCurrentPosition().orElse(0) >= head)));

        assertThat(snapshot()).isEqualTo(live);
    }

    private void awaitPassed(long position) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Projections.ALL.stream().allMatch(projection -> progress.hasPassed(projection, position)));
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        return Map.of(
                "workspace_view", rows("workspace_view"),
                "membership", rows("membership"),
                "workspace_entity", rows("workspace_entity"),
                "workspace_history", rows("workspace_history"));
    }

    private List<Map<String, Object>> rows(String table) {
        return jdbc.queryForList("SELECT * FROM " + table + " ORDER BY " + READ_MODELS.get(table)).stream()
                .map(row -> {
                    row.replaceAll((column, value) -> value == null ? null : value.toString());
                    return row;
                }).toList();
    }
}
