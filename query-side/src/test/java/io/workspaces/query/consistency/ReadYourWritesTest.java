package io.workspaces.query.consistency;

import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.support.QueryTestBase;
import io.workspaces.query.support.RunningServices;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static io.workspaces.common.testing.ProblemAssert.assertInvalidField;
import static io.workspaces.common.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A read carrying a write's consistency token sees that write: across the two applications, over HTTP. */
class ReadYourWritesTest extends QueryTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void everyWriteIsVisibleToTheReadThatCarriesItsToken() {
        String name = uniqueName("ryw");
        create("alice", name, "0");
        for (int i = 1; i <= 40; i++) {
            long token = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"" + i + "\"}"));
            String path = "/v1/workspaces/" + name;
            Api.Response read = i % 2 == 0 ? read(path, token) : query().get(path + "?after=" + token).send();

            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("description").asText()).isEqualTo(Integer.toString(i));
            assertThat(read.json().path("version").asLong()).isEqualTo(i + 2);
        }
    }

    @Test
    void membershipAndHistoryReadsWaitForTheirProjectionsToo() {
        String name = uniqueName("ryw-members");
        create("alice", name, "");
        for (int i = 0; i < 10; i++) {
            String member = name + "-m" + i;
            long token = write(command().put("/v1/workspaces/" + name + "/members/" + member, "{\"role\":\"viewer\"}"));

            assertThat(readJson("/v1/workspaces/" + name + "/members", token).path("pagination")
                    .path("total_results").asInt()).isEqualTo(i + 2);
            assertThat(readJson(auditor(), "/v1/principals/" + member + "/workspaces?include_everyone=false", token)
                    .path("data")).hasSize(1);
            assertThat(readJson("/v1/workspaces/" + name + "/history", token).path("pagination")
                    .path("total_results").asInt()).isEqualTo(i + 3);
        }
    }

    @Test
    void aTokenThatIsMalformedOrAheadOfTheLogOrContradictedAnswers422() {
        assertInvalidField(query().get("/v1/workspaces").header("X-Consistency-Token", "abc").send(),
                "X-Consistency-Token");
        assertInvalidField(query().get("/v1/workspaces?after=-1").send(), "after");
        assertInvalidField(query().get("/v1/workspaces?after=9999999999999").send(), "after");
        assertInvalidField(query().get("/v1/workspaces?after=1").header("X-Consistency-Token", "2").send(), "after");
    }

    @Test
    void aProjectionThatCannotCatchUpInTimeAnswers503AndTheSameReadSucceedsOnceItHas() {
        String name = uniqueName("stalled");
        create("alice", name, "before");
        StreamingEventProcessor workspaces = processing
                .eventProcessor(Projections.WORKSPACES, StreamingEventProcessor.class).orElseThrow();
        workspaces.shutDown();
        try {
            long token = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"after\"}"));

            Api.Response stale = read("/v1/workspaces/" + name, token);

            assertProblem(stale, 503, "consistency-timeout");
            assertThat(stale.header("Retry-After")).isEqualTo("1");
            assertThat(stale.json().path("consistency_token").asLong()).isEqualTo(token);

            workspaces.start();
            Api.Response fresh = read("/v1/workspaces/" + name, token);
            assertThat(fresh.status()).isEqualTo(200);
            assertThat(fresh.json().path("description").asText()).isEqualTo("after");
        } finally {
            workspaces.start();
        }
    }

    @Test
    void aReadSeesWritesThatAnotherQueryNodeProjects() {
        String name = uniqueName("elsewhere");
        create("alice", name, "before");
        StreamingEventProcessor here = processing
                .eventProcessor(Projections.WORKSPACES, StreamingEventProcessor.class).orElseThrow();
        here.shutDown();
        // a second query node on the same database takes the projection's segments over; this node's signal
        // never fires for what it projects
        try (ConfigurableApplicationContext otherNode = RunningServices.querySide(TestDatabase.URL,
                TestDatabase.USER, TestDatabase.PASSWORD, "--spring.datasource.hikari.minimum-idle=1")) {
            StreamingEventProcessor there = otherNode.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(Projections.WORKSPACES, StreamingEventProcessor.class).orElseThrow();
            Integer segments = otherNode.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, Projections.WORKSPACES);
            assertThat(segments).isPositive();
            await().atMost(Duration.ofSeconds(30)).until(() -> there.processingStatus().size() == segments);

            for (int i = 0; i < 5; i++) {
                long token = write(command().patch("/v1/workspaces/" + name, "{\"description\":\"" + i + "\"}"));

                Api.Response read = read("/v1/workspaces/" + name, token);

                assertThat(read.status()).as(read.body()).isEqualTo(200);
                assertThat(read.json().path("description").asText()).isEqualTo(Integer.toString(i));
            }
        } finally {
            here.start();
        }
    }
}
