package io.workspaces.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The benchmark (docs/performance.md): drives the running command and query sides over HTTP and measures, in one run, command
 * throughput and latency at several concurrencies, query throughput and latency, projection lag under load
 * and the replay rate, next to pgbench on the same database; writes a JSON result and a PNG plot.
 *
 * <p>{@code java -jar bench/target/bench-*-exec.jar --size=quick|full ...}; {@code ./bench.sh} starts the
 * services and runs it.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final int USERS = 50;

    private final Settings settings;
    private final Http http;
    private final String admin;
    private final Progress progress;
    private final List<String> names = new ArrayList<>();
    private boolean autovacuum = true;

    Benchmark(Settings settings) {
        this.settings = settings;
        this.http = new Http(settings.jwtSecret(), settings.jwtIssuer());
        this.admin = http.token("bench-admin", List.of("platform-admin"));
        this.progress = new Progress(7 + settings.clients().size() * 6);
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path result = new Benchmark(settings).run();
        System.err.println("result: " + result + " and " + result.toString().replace(".json", ".png"));
    }

    /** Runs every phase; returns the JSON result file (the PNG lies next to it). */
    Path run() throws Exception {
        ObjectNode report = JSON.createObjectNode();
        report.put("date", Instant.now().toString());
        report.put("size", settings.size());
        report.put("label", settings.label());
        report.set("machine", machine());
        report.set("configuration", configuration());

        autovacuum = autovacuumOn();
        report.put("maintenance", autovacuum ? "the server's autovacuum"
                : "VACUUM (ANALYZE) before each measured phase: the server's autovacuum is off");
        if (!autovacuum) {
            progress.note("the server's autovacuum is off: the run vacuums and analyzes the database before each phase, "
                    + "as autovacuum would, so that dead rows and stale statistics do not decide the numbers");
        }
        Map<String, Map<Integer, Double>> reference = PgBench.run(settings, progress);
        setUp();
        warmUp();
        List<LoadPhase.Result> commands = new ArrayList<>();
        ObjectNode lag = null;
        int lagAt = settings.clients().stream().filter(c -> c <= 16).max(Integer::compare).orElse(1);
        for (int clients : settings.clients()) {
            progress.step("commands, " + clients + " clients");
            maintain();
            LagProbe probe = clients == lagAt ? new LagProbe() : null;
            if (probe != null) {
                probe.start();
            }
            commands.add(LoadPhase.run("commands", clients, settings.warmUp(), settings.phase(), this::commandMix));
            if (probe != null) {
                lag = probe.stop(clients);
            }
            progress.note(describe(commands.get(commands.size() - 1)));
        }
        List<LoadPhase.Result> queries = new ArrayList<>();
        for (int clients : settings.clients()) {
            progress.step("queries, " + clients + " clients");
            maintain();
            queries.add(LoadPhase.run("queries", clients, settings.warmUp(), settings.phase(), this::queryMix));
            progress.note(describe(queries.get(queries.size() - 1)));
        }
        progress.step("queries at a fixed " + settings.queryRate() + " requests/s");
        maintain();
        RatePhase.Result atRate = RatePhase.run("queries-at-rate", settings.queryRate(), 64, settings.phase(),
                this::queryMix);
        progress.note(String.format("%.0f/s of %d due, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors, "
                        + "%d sent late", atRate.perSecond(), settings.queryRate(), atRate.p50(), atRate.p95(), atRate.p99(),
                atRate.max(), atRate.errors(), atRate.late()));
        ObjectNode replay = replay();

        report.set("pgbench", JSON.valueToTree(reference));
        report.set("commands", JSON.valueToTree(commands));
        report.set("queries", JSON.valueToTree(queries));
        report.set("queries_at_rate", JSON.valueToTree(atRate));
        report.set("projection_lag", lag);
        report.set("replay", replay);
        report.set("ratios", ratios(reference, commands));
        Files.createDirectories(settings.out());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path json = settings.out().resolve("bench-" + settings.label() + "-" + stamp + ".json");
        JSON.writeValue(json.toFile(), report);
        plot(json, reference, commands, queries);
        printSummary(report);
        return json;
    }

    /** Workspaces to change and read, with members, created through the API like any client would. */
    private void setUp() {
        progress.step("setting up " + settings.workspaces() + " workspaces");
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < settings.workspaces(); i++) {
            String name = prefix + "-" + i;
            expect(http.send("POST", settings.commandUrl() + "/v1/workspaces", admin, "{\"name\":\"" + name + "\"}"), 201);
            expect(http.send("PUT", settings.commandUrl() + "/v1/workspaces/" + name + "/members/user-" + (i % USERS),
                    admin, "{\"role\":\"editor\"}"), 201);
            names.add(name);
        }
        expect(http.send("POST", settings.commandUrl() + "/v1/workspaces", admin,
                "{\"name\":\"" + prefix + "-lag-probe\"}"), 201);
        names.add(prefix + "-lag-probe");
    }

    /**
     * Both sides under the command and query mixes together before anything is measured, so that the
     * measurements see compiled code and filled caches rather than the JIT compiler at work.
     */
    private void warmUp() {
        progress.step("warming both sides up for " + settings.serviceWarmUp().toSeconds() + " s");
        Thread queries = new Thread(() -> LoadPhase.run("warm-up-queries", 4, Duration.ZERO, settings.serviceWarmUp(),
                this::queryMix), "warm-up-queries");
        queries.start();
        LoadPhase.run("warm-up-commands", 4, Duration.ZERO, settings.serviceWarmUp(), this::commandMix);
        try {
            queries.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean autovacuumOn() throws java.sql.SQLException {
        try (Connection connection = PgBench.connect(settings);
             java.sql.ResultSet setting = connection.createStatement().executeQuery("SHOW autovacuum")) {
            return setting.next() && setting.getString(1).equals("on");
        }
    }

    /** Where the server does not vacuum by itself, what autovacuum would have done by now. */
    private void maintain() {
        if (autovacuum) {
            return;
        }
        try (Connection connection = PgBench.connect(settings)) {
            connection.setAutoCommit(true);
            connection.createStatement().execute("VACUUM (ANALYZE)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("VACUUM (ANALYZE) failed: " + e.getMessage(), e);
        }
    }

    /** Creates (20%), members added (40%), description changes (40%), on random workspaces. */
    private LoadPhase.Operation commandMix(int client) {
        String token = admin;
        return (id, sequence) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int dice = random.nextInt(100);
            String name = names.get(random.nextInt(settings.workspaces()));
            if (dice < 20) {
                return http.send("POST", settings.commandUrl() + "/v1/workspaces", token,
                        "{\"name\":\"c" + sequence + "-" + UUID.randomUUID().toString().substring(0, 8) + "\"}");
            }
            if (dice < 60) {
                return http.send("PUT", settings.commandUrl() + "/v1/workspaces/" + name + "/members/m" + sequence,
                        token, "{\"role\":\"viewer\"}");
            }
            return http.send("PATCH", settings.commandUrl() + "/v1/workspaces/" + name, token,
                    "{\"description\":\"d" + sequence + "\"}");
        };
    }

    /** Get by name (40%), a list page of 100 (30%), a role lookup (30%), as an ordinary user. */
    private LoadPhase.Operation queryMix(int client) {
        // user-k is a member of workspace k (setUp), so each client reads a workspace it may see
        int k = client % Math.min(USERS, settings.workspaces());
        String user = "user-" + k;
        String token = http.token(user, List.of());
        return (id, sequence) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int dice = random.nextInt(100);
            if (dice < 40) {
                return http.send("GET", settings.queryUrl() + "/v1/workspaces/" + names.get(k), token, null);
            }
            if (dice < 70) {
                return http.send("GET", settings.queryUrl() + "/v1/workspaces?page_size=100", token, null);
            }
            return http.send("GET", settings.queryUrl() + "/v1/principals/" + user + "/workspaces?page_size=100", token,
                    null);
        };
    }

    /**
     * Projection lag under load: a write acknowledged, then polled on the query side (no consistency token)
     * until it shows; the time in between, several times a second.
     */
    private final class LagProbe {
        private final Latencies lags = new Latencies();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::probe, "lag-probe");
        private final String workspace = names.get(names.size() - 1);

        void start() {
            thread.start();
        }

        private void probe() {
            long round = 0;
            while (running.get()) {
                String description = "lag-" + round++;
                Http.Response write = http.send("PATCH", settings.commandUrl() + "/v1/workspaces/" + workspace,
                        admin, "{\"description\":\"" + description + "\"}");
                long acknowledged = System.nanoTime();
                if (write.statusCode() != 200) {
                    continue;
                }
                while (running.get() && !http.send("GET", settings.queryUrl() + "/v1/workspaces/" + workspace, admin,
                        null).body().contains("\"description\":\"" + description + "\"")) {
                    pause(2);
                }
                lags.add(System.nanoTime() - acknowledged);
                pause(100);
            }
        }

        ObjectNode stop(int clients) throws InterruptedException {
            running.set(false);
            thread.join();
            ObjectNode lag = JSON.createObjectNode();
            lag.put("clients", clients);
            lag.put("samples", lags.count());
            lag.put("p50", lags.percentile(50));
            lag.put("p99", lags.percentile(99));
            lag.put("max", lags.percentile(100));
            progress.note(String.format("projection lag under load: p50 %.1f ms, p99 %.1f ms (%d samples)",
                    lags.percentile(50), lags.percentile(99), lags.count()));
            return lag;
        }
    }

    /** Fills the log to the replay size, then rebuilds each projection from position 0 through the admin API. */
    private ObjectNode replay() throws Exception {
        progress.step("filling the event log to " + settings.replayEvents() + " events");
        long events;
        long head;
        try (Connection connection = PgBench.connect(settings)) {
            events = Seeder.fillUpTo(connection, settings.replayEvents());
            head = Seeder.head(connection);
        }
        maintain();
        ObjectNode replay = JSON.createObjectNode();
        replay.put("events", events);
        for (String projection : List.of("workspaces", "history")) {
            awaitCaughtUp(projection, head, Duration.ofMinutes(10));
            progress.step("rebuilding projection " + projection + " from position 0 over " + events + " events");
            long started = System.nanoTime();
            expect(http.send("POST", settings.queryUrl() + "/v1/admin/projections/" + projection + "/replay", admin, "{}"),
                    202);
            awaitCaughtUp(projection, head, Duration.ofMinutes(30));
            double seconds = (System.nanoTime() - started) / 1e9;
            ObjectNode result = replay.putObject(projection);
            result.put("seconds", seconds);
            result.put("events_per_second", events / seconds);
            progress.note(String.format("%s: %.1f s, %.0f events/s", projection, seconds, events / seconds));
        }
        return replay;
    }

    private void awaitCaughtUp(String projection, long head, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        long lastNote = 0;
        while (System.nanoTime() < deadline) {
            JsonNode status = JSON.readTree(http.send("GET", settings.queryUrl() + "/v1/admin/projections/" + projection,
                    admin, null).body());
            if (status.path("state").asText().equals("running") && status.path("position").asLong() >= head) {
                return;
            }
            if (System.nanoTime() - lastNote > 5_000_000_000L) {
                progress.note(projection + ": " + status.path("state").asText() + " at " + status.path("position").asLong()
                        + " of " + head + (status.path("replay").isObject() ? ", " + Math.round(
                        status.path("replay").path("events_per_second").asDouble()) + " events/s" : ""));
                lastNote = System.nanoTime();
            }
            pause(200);
        }
        throw new IllegalStateException(projection + " did not reach position " + head + " in " + atMost);
    }

    private static ObjectNode ratios(Map<String, Map<Integer, Double>> reference, List<LoadPhase.Result> commands) {
        ObjectNode ratios = JSON.createObjectNode();
        for (LoadPhase.Result result : commands) {
            ObjectNode at = ratios.putObject(Integer.toString(result.clients()));
            reference.forEach((script, tps) -> at.put("commands_vs_" + script,
                    tps.getOrDefault(result.clients(), 0.0) == 0 ? 0 : result.perSecond() / tps.get(result.clients())));
        }
        return ratios;
    }

    private void plot(Path json, Map<String, Map<Integer, Double>> reference, List<LoadPhase.Result> commands,
                      List<LoadPhase.Result> queries) throws Exception {
        Map<String, Map<Integer, Double>> throughput = new LinkedHashMap<>();
        Map<String, Map<Integer, Double>> p99 = new LinkedHashMap<>();
        throughput.put("commands (HTTP)", series(commands, LoadPhase.Result::perSecond));
        throughput.put("queries (HTTP)", series(queries, LoadPhase.Result::perSecond));
        reference.forEach((script, tps) -> throughput.put("pgbench " + script, tps));
        p99.put("commands", series(commands, LoadPhase.Result::p99));
        p99.put("queries", series(queries, LoadPhase.Result::p99));
        Plot.write(Path.of(json.toString().replace(".json", ".png")), "Workspaces service, " + settings.size()
                + " run, " + Instant.now().toString().substring(0, 16) + "Z", throughput, p99, settings.clients());
    }

    private static Map<Integer, Double> series(List<LoadPhase.Result> results,
                                               java.util.function.ToDoubleFunction<LoadPhase.Result> value) {
        Map<Integer, Double> series = new LinkedHashMap<>();
        results.forEach(result -> series.put(result.clients(), value.applyAsDouble(result)));
        return series;
    }

    private static void printSummary(ObjectNode report) {
        System.out.println();
        System.out.printf("%-10s %7s %10s %8s %8s %8s %8s %7s%n", "phase", "clients", "per s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "errors");
        for (String phase : List.of("commands", "queries")) {
            for (JsonNode result : report.path(phase)) {
                System.out.printf("%-10s %7d %10.0f %8.1f %8.1f %8.1f %8.1f %7d%n", phase, result.path("clients").asInt(),
                        result.path("per_second").asDouble(), result.path("p50").asDouble(), result.path("p95").asDouble(),
                        result.path("p99").asDouble(), result.path("max").asDouble(), result.path("errors").asLong());
            }
        }
        report.path("pgbench").fields().forEachRemaining(script -> script.getValue().fields().forEachRemaining(tps ->
                System.out.printf("pgbench %-25s %3s clients: %8.0f tps%n", script.getKey(), tps.getKey(),
                        tps.getValue().asDouble())));
        report.path("ratios").fields().forEachRemaining(at -> System.out.printf("commands / pgbench at %s clients: %s%n",
                at.getKey(), at.getValue()));
        System.out.println("queries at a fixed rate: " + report.path("queries_at_rate"));
        System.out.println("projection lag: " + report.path("projection_lag"));
        System.out.println("replay: " + report.path("replay"));
    }

    private static String describe(LoadPhase.Result result) {
        return String.format("%.0f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors", result.perSecond(),
                result.p50(), result.p95(), result.p99(), result.max(), result.errors());
    }

    /** The service settings this run was made with (bench.sh starts the services with the same environment). */
    private static ObjectNode configuration() {
        ObjectNode configuration = JSON.createObjectNode();
        for (String variable : List.of("WORKSPACES_SNAPSHOT_EVERY", "WORKSPACES_AGGREGATE_CACHE", "WORKSPACES_DB_POOL_SIZE",
                "WORKSPACES_EVENT_FETCH_DELAY", "WORKSPACES_PROJECTION_SEGMENTS", "WORKSPACES_PROJECTION_THREADS",
                "WORKSPACES_PROJECTION_BATCH_SIZE", "WORKSPACES_BROKER_ENABLED")) {
            String value = System.getenv(variable);
            configuration.put(variable, value == null ? "(default)" : value);
        }
        return configuration;
    }

    private static ObjectNode machine() {
        ObjectNode machine = JSON.createObjectNode();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        try (java.util.stream.Stream<String> cpuinfo = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpuinfo.filter(line -> line.startsWith("model name")).findFirst()
                    .ifPresent(line -> machine.put("cpu", line.substring(line.indexOf(':') + 1).trim()));
        } catch (java.io.IOException | RuntimeException unreadable) {
            machine.put("cpu", "unknown");
        }
        machine.put("memory_gib", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1024L * 1024 * 1024));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        return machine;
    }

    private static void expect(Http.Response response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + " but got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: the settings of a run. */
    static Path run(Settings settings) throws Exception {
        return new Benchmark(settings).run();
    }
}
