package io.workspaces.query.projection;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.support.RunningServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A query side that stops and starts again resumes from its stored tokens: it neither replays what it had
 * applied (a row changed behind its back stays changed) nor skips what happened while it was down. Runs on a
 * database of its own, so that no other query node in this JVM can take over its segments.
 */
class QuerySideRestartTest {

    private static final String URL = TestDatabase.URL + "_restart";
    private static ConfigurableApplicationContext commandSide;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void startCommandSide() {
        commandSide = RunningServices.commandSide(URL, TestDatabase.USER, TestDatabase.PASSWORD);
        jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, TestDatabase.USER, TestDatabase.PASSWORD));
    }

    @AfterAll
    static void stop() {
        commandSide.close();
        DatabaseCreator.drop(URL, TestDatabase.USER, TestDatabase.PASSWORD);
    }

    @Test
    void aRestartedQuerySideResumesWhereItStoppedWithoutReplayingOrSkipping() {
        Api command = new Api(RunningServices.baseUrl(commandSide)).as("alice");
        long before = write(command.post("/v1/workspaces", "{\"name\":\"before-restart\",\"description\":\"original\"}"));

        ConfigurableApplicationContext querySide = startQuerySide();
        awaitProjected(querySide, before);
        querySide.close();

        jdbc.update("UPDATE workspace_view SET description = 'changed behind its back' WHERE name = 'before-restart'");
        write(command.put("/v1/workspaces/before-restart/members/bob", "{\"role\":\"editor\"}"));
        long during = write(command.post("/v1/workspaces", "{\"name\":\"during-downtime\"}"));

        querySide = startQuerySide();
        try {
            awaitProjected(querySide, during);
            Api query = new Api(RunningServices.baseUrl(querySide)).as("alice");

            assertThat(query.get("/v1/workspaces/before-restart").send().json().path("description").asText())
                    .as("an event applied before the restart is not applied again")
                    .isEqualTo("changed behind its back");
            assertThat(query.get("/v1/workspaces/before-restart").send().json().path("member_count").asInt())
                    .isEqualTo(2);
            assertThat(query.get("/v1/workspaces/during-downtime").send().status()).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM workspace_history", Long.class))
                    .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
        } finally {
            querySide.close();
        }
    }

    private static ConfigurableApplicationContext startQuerySide() {
        return RunningServices.querySide(URL, TestDatabase.USER, TestDatabase.PASSWORD);
    }

    private static void awaitProjected(ConfigurableApplicationContext querySide, long position) {
        ProjectionProgress progress = querySide.getBean(ProjectionProgress.class);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Projections.ALL.stream().allMatch(projection -> progress.hasPassed(projection, position)));
    }

    private static long write(Api.Request request) {
        Api.Response response = request.send();
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response.consistencyToken();
    }
}
