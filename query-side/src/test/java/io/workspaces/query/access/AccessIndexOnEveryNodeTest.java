package io.workspaces.query.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.support.QueryTestBase;
import io.workspaces.query.support.RunningServices;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second query node that processes none of the projection segments (the test's own node holds all of them) still
 * answers access checks, entity lookups and role lookups for every workspace, up to the consistency token of the
 * last write: its access index follows the whole event stream by itself.
 */
class AccessIndexOnEveryNodeTest extends QueryTestBase {

    private static ConfigurableApplicationContext secondNode;

    @Autowired
    private EventProcessingConfiguration processing;

    /**
     * Started once this test's own node holds every segment; its projections are then stopped (in one JVM both nodes
     * claim tokens under the same owner name, so it could otherwise share segments with this node).
     */
    @BeforeEach
    void startSecondNode() {
        StreamingEventProcessor here = processing.eventProcessor(Projections.WORKSPACES, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Integer segments = jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?",
                    Integer.class, Projections.WORKSPACES);
            return segments != null && segments > 0 && here.processingStatus().size() == segments;
        });
        if (secondNode == null) {
            secondNode = RunningServices.querySide(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD,
                    "--workspaces.projections.threads=1", "--spring.datasource.hikari.minimum-idle=1");
            for (String projection : Projections.ALL) {
                secondNode.getBean(EventProcessingConfiguration.class)
                        .eventProcessor(projection, StreamingEventProcessor.class).orElseThrow().shutDown();
            }
        }
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    private Api second() {
        return new Api(RunningServices.baseUrl(secondNode)).withRoles("svc-jobs", "access-checker");
    }

    @Test
    void aNodeWithoutSegmentsAnswersForEveryWorkspaceUpToTheToken() {
        StreamingEventProcessor projection = secondNode.getBean(EventProcessingConfiguration.class)
                .eventProcessor(Projections.WORKSPACES, StreamingEventProcessor.class).orElseThrow();
        for (int i = 0; i < 6; i++) {
            String name = uniqueName("node");
            create("ada", name, "");
            write(command().as("ada").put("/v1/workspaces/" + name + "/entities/dataset/d-" + name));
            long token = write(command().as("ada").put("/v1/workspaces/" + name + "/members/bo-" + i,
                    "{\"role\":\"editor\"}"));

            Api.Response checked = second().post("/v1/access/check", "{\"checks\":["
                            + "{\"principal\":\"bo-" + i + "\",\"workspace\":\"" + name + "\",\"action\":\"write\"},"
                            + "{\"principal\":\"bo-" + i + "\",\"entity\":{\"type\":\"dataset\",\"id\":\"d-" + name
                            + "\"},\"action\":\"manage\"}]}")
                    .header("X-Consistency-Token", Long.toString(token)).send();
            assertThat(checked.status()).as(checked.body()).isEqualTo(200);
            JsonNode results = checked.json().path("results");
            assertThat(results.get(0).path("allowed").asBoolean()).as(checked.body()).isTrue();
            assertThat(results.get(1).path("reason").asText()).as(checked.body()).isEqualTo("needs admin");

            Api bo = new Api(RunningServices.baseUrl(secondNode)).as("bo-" + i);
            Api.Response grants = bo.get("/v1/principals/bo-" + i + "/workspaces?include_everyone=false")
                    .header("X-Consistency-Token", Long.toString(token)).send();
            assertThat(grants.status()).as(grants.body()).isEqualTo(200);
            assertThat(grants.json().path("data").get(0).path("workspace").path("name").asText()).isEqualTo(name);
            assertThat(grants.json().path("data").get(0).path("role").asText()).isEqualTo("editor");

            Api.Response entity = bo.get("/v1/entities/dataset/d-" + name)
                    .header("X-Consistency-Token", Long.toString(token)).send();
            assertThat(entity.status()).as(entity.body()).isEqualTo(200);
            assertThat(entity.json().path("workspace").path("name").asText()).isEqualTo(name);
            assertThat(projection.processingStatus()).as("segments of the second node").isEmpty();
        }
    }
}
