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
import java.util.concurrent.atomic.AtomicInteger;

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
        // both sides run in this JVM: their CPU is read from this process, like the load generator's
        long self = ProcessHandle.current().pid();
        Settings settings = new Settings("quick", List.of(1, 2), 10, Duration.ofSeconds(1), Duration.ofMillis(200), 3000,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 20, "smoke", url(commandSide), url(querySide), TestDatabase.URL, TestDatabase.USER,
                TestDatabase.PASSWORD, TestTokens.SECRET, TestTokens.ISSUER, out, List.of(2), List.of(20), self, self, "all");

        Path result = Benchmark.run(settings);

        JsonNode report = new ObjectMapper().readTree(result.toFile());
        assertThat(report.path("commands")).hasSize(2);
        assertThat(report.path("queries")).hasSize(2);
        assertThat(report.path("patches")).hasSize(2);
        assertThat(report.path("role_lookups")).hasSize(1);
        for (String phases : List.of("commands", "patches", "queries", "role_lookups")) {
            report.path(phases).forEach(phase -> {
                assertThat(phase.path("requests").asLong()).as(phases).isPositive();
                assertThat(phase.path("errors").asLong()).as(phases).isZero();
                assertCosts(report, phases, phase.path("usage"));
            });
        }
        assertThat(report.path("queries_at_rate").path("requests").asLong()).isPositive();
        assertThat(report.path("queries_at_rate").path("errors").asLong()).isZero();
        assertCosts(report, "queries_at_rate", report.path("queries_at_rate").path("usage"));
        // eight phases: a miscount of the kernel's ticks may leave one or two out, not most
        assertThat(machineShares).as("phases with the machine's busy share").hasValueGreaterThanOrEqualTo(6);
        assertThat(report.path("idle_per_second").path("pg_transactions").isNumber()).isTrue();
        JsonNode access = report.path("access_check");
        assertThat(access.path("exercised").isBoolean()).isTrue();
        if (access.path("exercised").asBoolean()) {
            assertThat(access.path("result").path("requests").asLong()).isPositive();
            assertThat(access.path("result").path("errors").asLong()).isZero();
        } else {
            assertThat(access.path("reason").asText()).contains("/v1/access/check");
        }
        assertThat(report.path("configuration").has("WORKSPACES_PROJECTION_SEGMENTS")).isTrue();
        assertThat(report.path("pgbench").path("insert").path("1").asDouble()).isPositive();
        assertThat(report.path("pgbench").path("transaction-3-statements").path("2").asDouble()).isPositive();
        assertThat(report.path("pgbench").path("select-only").path("2").asDouble()).isPositive();
        report.path("pgbench_runs").forEach(run -> {
            assertThat(run.path("usage").path("pg_transactions").isNumber()).as(run.toString()).isTrue();
            assertThat(run.path("usage").path("cpu_ms_load_generator").isNumber()).isTrue();
        });
        assertThat(report.path("projection_lag").path("samples").asInt()).isPositive();
        assertThat(report.path("projection_lag").path("commands_per_second").asDouble()).isPositive();
        assertThat(report.path("replay").path("events").asLong()).isGreaterThanOrEqualTo(3000);
        assertThat(report.path("replay").path("history").path("events_per_second").asDouble()).isPositive();
        assertThat(report.path("ratios").path("1").has("commands_vs_insert")).isTrue();
        assertThat(report.path("ratios").path("2").path("patches_vs_transaction-3-statements").asDouble())
                .isPositive();
        assertThat(report.path("ratios").path("2").path("role_lookups_vs_select-only").asDouble()).isPositive();
        assertThat(report.path("ratios").path("2").path("commands_vs_1_client").asDouble()).isPositive();
        assertThat(Files.size(Path.of(result.toString().replace(".json", ".png")))).isGreaterThan(10_000);
    }

    /**
     * Every phase's costs were read: this JVM (both sides and the load generator) spent CPU, PostgreSQL's
     * counters were read, and its backends' CPU too when it runs on this machine; writes commit transactions.
     */
    private final AtomicInteger machineShares = new AtomicInteger();

    private void assertCosts(JsonNode report, String phase, JsonNode usage) {
        String description = phase + ": " + usage;
        assertThat(usage.path("requests").asLong()).as(description).isPositive();
        assertThat(usage.path("cpu_ms_command_side").asDouble()).as(description).isPositive();
        assertThat(usage.path("cpu_ms_load_generator").asDouble()).as(description).isPositive();
        assertThat(usage.path("pg_transactions").isNumber()).as(description).isTrue();
        assertThat(usage.path("wal_syncs").isNumber()).as(description).isTrue();
        assertThat(usage.path("pg_transactions_above_idle").isNumber()).as(description).isTrue();
        // the whole machine was busy for part of the phase, some of it in the kernel (HTTP over loopback); the share
        // is left out when the kernel's counts did not add up to the time that passed (Usage.MachineShare)
        if (usage.has("machine")) {
            machineShares.incrementAndGet();
            assertThat(usage.path("machine").path("busy").asDouble()).as(description).isGreaterThan(0)
                    .isLessThanOrEqualTo(1);
            assertThat(usage.path("machine").path("kernel").asDouble()).as(description).isGreaterThan(0)
                    .isLessThanOrEqualTo(usage.path("machine").path("busy").asDouble());
        }
        if (report.path("processes").path("postgres_on_this_machine").asBoolean()) {
            assertThat(usage.path("cpu_ms_postgres").isNumber()).as(description).isTrue();
        }
        if (phase.equals("commands") || phase.equals("patches")) {
            // every write commits at least once, but a connection's last second of counts may be published up to
            // 10 s later (Usage): in these 2 s phases the count can fall short by up to half, never to nothing
            assertThat(usage.path("pg_transactions").asDouble()).as(description).isGreaterThanOrEqualTo(0.5);
        }
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }
}
