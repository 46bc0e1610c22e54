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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> writes = IntStream.range(0, 12).mapToObj(i -> clients.submit(() -> {
                start.await();
                return api().as("olga").put("/v1/workspaces/" + name + "/members/member-" + i, "{\"role\":\"viewer\"}")
                        .send().status();
            })).toList();
            start.countDown();
            for (Future<Integer> write : writes) {
                assertThat(write.get(30, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(eventCount(id)).isEqualTo(eventsBefore + 12);
    }
}
