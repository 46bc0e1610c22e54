package io.workspaces.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.command.CommandSideApplication;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness works end to end, in its smallest form, against both sides running in this JVM: every phase
 * runs and the JSON result and the plot are written. No timing is asserted here; numbers come from
 * {@code ./bench.sh full} (docs/performance.md).
 */
class BenchmarkSmokeTest {

    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;

    @BeforeAll
    static void start() {
        String[] arguments = {"--server.port=0", "--spring.datasource.url=" + TestDatabase.URL,
                "--spring.datasource.username=" + TestDatabase.USER, "--spring.datasource.password=" + TestDatabase.PASSWORD,
                "--workspaces.security.jwt.hmac-secret=" + TestTokens.SECRET,
                "--workspaces.security.jwt.issuer=" + TestTokens.ISSUER};
        commandSide = CommandSideApplication.application().run(arguments);
        querySide = QuerySideApplication.application().run(arguments);
    }

    @AfterAll
    static void stop() {
        querySide.close();
        commandSide.close();
    }

    @Test
    void everyPhaseRunsAndTheResultAndPlotAreWritten(@TempDir Path out) throws Exception {
        Settings settings = new Settings("quick", List.of(1, 2), 10, Duration.ofSeconds(1), Duration.ofMillis(200), 3000,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 20, "smoke", url(commandSide), url(querySide), TestDatabase.URL, TestDatabase.USER,
                TestDatabase.PASSWORD, TestTokens.SECRET, TestTokens.ISSUER, out);

        Path result = Benchmark.run(settings);

        JsonNode report = new ObjectMapper().readTree(result.toFile());
        assertThat(report.path("commands")).hasSize(2);
        assertThat(report.path("queries")).hasSize(2);
        report.path("commands").forEach(phase -> {
            assertThat(phase.path("requests").asLong()).isPositive();
            assertThat(phase.path("errors").asLong()).isZero();
        });
        report.path("queries").forEach(phase -> assertThat(phase.path("errors").asLong()).isZero());
        assertThat(report.path("queries_at_rate").path("requests").asLong()).isPositive();
        assertThat(report.path("queries_at_rate").path("errors").asLong()).isZero();
        assertThat(report.path("configuration").has("WORKSPACES_PROJECTION_SEGMENTS")).isTrue();
        assertThat(report.path("pgbench").path("insert").path("1").asDouble()).isPositive();
        assertThat(report.path("pgbench").path("transaction-3-statements").path("2").asDouble()).isPositive();
        assertThat(report.path("projection_lag").path("samples").asInt()).isPositive();
        assertThat(report.path("replay").path("events").asLong()).isGreaterThanOrEqualTo(3000);
        assertThat(report.path("replay").path("history").path("events_per_second").asDouble()).isPositive();
        assertThat(report.path("ratios").path("1").has("commands_vs_insert")).isTrue();
        assertThat(Files.size(Path.of(result.toString().replace(".json", ".png")))).isGreaterThan(10_000);
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }
}
