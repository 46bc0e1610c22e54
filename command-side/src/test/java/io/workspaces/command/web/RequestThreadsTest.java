package io.workspaces.command.web;

import com.zaxxer.hikari.HikariDataSource;
import io.workspaces.command.support.ApiTestBase;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side handles at most as many requests at once as it has connections (docs/operations.md,
 * {@code WORKSPACES_COMMAND_REQUEST_THREADS}): here a pool of 4, smaller than Tomcat's own minimum of spare threads,
 * and three times as many writes at once, which wait for a thread and all succeed.
 */
@TestPropertySource(properties = "WORKSPACES_DB_POOL_SIZE=4")
class RequestThreadsTest extends ApiTestBase {

    @Autowired
    ServletWebServerApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Test
    void requestThreadsFollowThePoolSizeAndWritesBeyondThemWaitTheirTurn() throws Exception {
        ThreadPoolExecutor requestThreads = (ThreadPoolExecutor) ((TomcatWebServer) context.getWebServer()).getTomcat()
                .getConnector().getProtocolHandler().getExecutor();
        assertThat(((HikariDataSource) dataSource).getMaximumPoolSize()).isEqualTo(4);
        assertThat(requestThreads.getMaximumPoolSize()).isEqualTo(4);

        String name = uniqueName("threads");
        String id = createWorkspace("olga", name).path("id").asText();
        long eventsBefore = eventCount(id);
        Map<Integer, Long> statuses = race(12, i -> api().as("olga")
                .put("/v1/workspaces/" + name + "/members/member-" + i, "{\"role\":\"viewer\"}").send());

        assertThat(statuses).containsExactly(Map.entry(201, 12L));
        assertThat(eventCount(id)).isEqualTo(eventsBefore + 12);
    }
}
