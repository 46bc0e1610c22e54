package io.workspaces.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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
 * The benchmark: drives the running command and query sides over HTTP and measures, in one run, command
 * throughput and latency at several concurrencies (the usual mix, and description updates alone), query
 * throughput and latency (the usual mix, and role lookups alone), queries and access checks at a fixed rate,
 * projection lag under load and the replay rate, next to pgbench on the same database; and for each phase what
 * a request costs: CPU of every process, PostgreSQL transactions and WAL syncs ({@link Usage}). Writes a JSON
 * result and a PNG plot.
 *
 * <p>{@code java -jar bench/target/bench-*-exec.jar --size=quick|full ...}; {@code ./bench.sh} starts the
 * services and runs it.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private static final int USERS = 50;

    private static final String TRANSACTION_RATIO = "patches_vs_" + PgBench.TRANSACTION;
    private static final String SELECT_RATIO = "role_lookups_vs_" + PgBench.SELECT;

    private final Settings settings;
    private final ServiceClient http = new ServiceClient();
    private final PreparedRequests checks;
    private final Tokens tokens;
    private final String admin;
    private final Progress progress;
    private final List<String> names = new ArrayList<>();
    private boolean autovacuum = true;
    private Usage usage;

    Benchmark(Settings settings) {
        this.settings = settings;
        this.checks = new PreparedRequests(settings.queryUrl());
        this.tokens = new Tokens(settings.jwtSecret(), settings.jwtIssuer());
        this.admin = tokens.token("bench-admin", List.of("platform-admin"));
        this.progress = new Progress(13 + settings.clients().size() * 6 + settings.lookupClients().size() * 2);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("seed")) {
            seed(args);
            return;
        }
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path result = new Benchmark(settings).run();
        System.err.println("result: " + result + (!settings.allPhases() ? ""
                : " and " + result.toString().replace(".json", ".png")));
    }

    /**
     * {@code seed <jdbc-url> <events>}: fills the empty event log of that database with exactly that many events, as
     * the replay phase fills its own (bench/replay-alone.sh seeds its database with it). User and password:
     * {@code WORKSPACES_DB_USER} (postgres) and {@code WORKSPACES_DB_PASSWORD}.
     */
    private static void seed(String[] args) throws SQLException {
        if (args.length != 3 || !args[2].matches("[1-9][0-9]{0,9}")) {
            System.err.println("usage: seed <jdbc-url> <events>");
            System.exit(2);
            return;
        }
        String user = System.getenv().getOrDefault("WORKSPACES_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("WORKSPACES_DB_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(args[1], user, password)) {
            System.out.println(Seeder.fillExactly(connection, Long.parseLong(args[2])));
        }
    }

    /** Runs every phase; returns the JSON result file (the PNG lies next to it). */
    Path run() throws Exception {
        try (ServiceClient client = http; PreparedRequests checkClient = checks; Usage reading = Usage.start(settings)) {
            usage = reading;
            return runPhases();
        }
    }

    private Path runPhases() throws Exception {
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
        report.set("processes", processes());
        progress.step(String.format("the services idle for %.1f s", settings.warmUp().multipliedBy(2).toMillis() / 1e3));
        Usage.Delta idle = usage.measureIdle(settings.warmUp().multipliedBy(2));
        progress.note("per second:" + describe(idle.perSecond()).replace("; per request:", ""));
        report.set("idle_per_second", JSON.valueToTree(idle.perSecond()));
        List<PgBench.Result> pgbench = PgBench.run(settings, progress, usage);
        Map<String, Map<Integer, Double>> reference = PgBench.tps(pgbench);
        setUp();
        warmUp();
        maintain();
        pause(Usage.SETTLE.toMillis());
        List<LoadPhase.Result> commands = new ArrayList<>();
        List<Integer> writeAndQueryClients = settings.accessOnly() ? List.of() : settings.clients();
        for (int clients : settings.patchesOnly() ? List.<Integer>of() : writeAndQueryClients) {
            progress.step("commands, " + clients + " clients");
            maintain();
            commands.add(LoadPhase.run("commands", clients, settings.warmUp(), settings.phase(), this::commandMix, usage));
            progress.note(describe(commands.get(commands.size() - 1)));
        }
        ObjectNode lag = settings.allPhases() ? projectionLag() : null;
        List<LoadPhase.Result> patches = new ArrayList<>();
        for (int clients : writeAndQueryClients) {
            progress.step("description updates (PATCH) only, " + clients + " clients");
            maintain();
            patches.add(LoadPhase.run("patches", clients, settings.warmUp(), settings.phase(), this::patchOnly, usage));
            progress.note(describe(patches.get(patches.size() - 1)));
        }
        List<LoadPhase.Result> queries = new ArrayList<>();
        for (int clients : settings.allPhases() ? writeAndQueryClients : List.<Integer>of()) {
            progress.step("queries, " + clients + " clients");
            maintain();
            queries.add(LoadPhase.run("queries", clients, settings.warmUp(), settings.phase(), this::queryMix, usage));
            progress.note(describe(queries.get(queries.size() - 1)));
        }
        List<LoadPhase.Result> lookups = new ArrayList<>();
        for (int clients : settings.lookupClients()) {
            progress.step("role lookups (GET /v1/principals/{p}/workspaces) only, " + clients + " clients");
            maintain();
            lookups.add(LoadPhase.run("role-lookups", clients, settings.warmUp(), settings.phase(), this::roleLookup,
                    usage));
            progress.note(describe(lookups.get(lookups.size() - 1)));
        }
        RatePhase.Result atRate = null;
        if (settings.allPhases()) {
            progress.step("queries at a fixed " + settings.queryRate() + " requests/s");
            maintain();
            atRate = RatePhase.run("queries-at-rate", settings.queryRate(), 64, settings.rateWarmUp(), settings.phase(),
                    this::queryMix, usage);
            progress.note(describe(atRate));
        }
        ObjectNode accessCheck = settings.accessPaths() ? accessCheck() : null;
        ObjectNode replay = settings.replays() ? replay() : null;

        report.set("pgbench", JSON.valueToTree(reference));
        report.set("pgbench_runs", JSON.valueToTree(pgbench));
        report.set("commands", JSON.valueToTree(commands));
        report.set("patches", JSON.valueToTree(patches));
        report.set("queries", JSON.valueToTree(queries));
        report.set("role_lookups", JSON.valueToTree(lookups));
        report.set("queries_at_rate", JSON.valueToTree(atRate));
        report.set("access_check", accessCheck);
        report.set("projection_lag", lag);
        report.set("replay", replay);
        report.set("ratios", ratios(reference, commands, patches, lookups));
        report.put("notes", "Costs are per request sent, warm-up included, read from the start of a phase to "
                + Usage.SETTLE.toMillis() + " ms after its end. cpu_ms_total: command side + query side + PostgreSQL "
                + "backends of this database. *_above_idle: less what the services cost idle (idle_per_second) for as "
                + "long as the phase. pgbench runs: cpu_ms_postgres is pgbench's backends, cpu_ms_load_generator "
                + "pgbench itself, and pg_transactions leaves out those of the idle services (idle_per_second). "
                + "cpu_ms_postgres_background (checkpointer, WAL writer...) and wal_syncs are server-wide: on a shared "
                + "server they include other databases' work.");
        Files.createDirectories(settings.out());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path json = settings.out().resolve("bench-" + settings.label() + "-" + stamp + ".json");
        JSON.writeValue(json.toFile(), report);
        if (settings.allPhases()) {
            plot(json, reference, pgbench, commands, patches, queries);
        }
        printSummary(report);
        return json;
    }

    /** Workspaces to change and read, with members, created through the API like any client would. */
    private void setUp() {
        progress.step("setting up " + settings.workspaces() + " workspaces");
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < settings.workspaces(); i++) {
            String name = prefix + "-" + i;
            expect(http.send("POST", settings.commandUrl() + "/v1/workspaces", admin, Map.of("name", name)), 201);
            expect(http.send("PUT", settings.commandUrl() + "/v1/workspaces/" + name + "/members/user-" + (i % USERS),
                    admin, Map.of("role", "editor")), 201);
            names.add(name);
        }
        expect(http.send("POST", settings.commandUrl() + "/v1/workspaces", admin, Map.of("name", prefix + "-lag-probe")),
                201);
        names.add(prefix + "-lag-probe");
    }

    /**
     * Both sides under the command and query mixes together before anything is measured, so that the
     * measurements see compiled code and filled caches rather than the JIT compiler at work.
     */
    private void warmUp() {
        progress.step("warming both sides up for " + settings.serviceWarmUp().toSeconds() + " s");
        // --phases=access measures role lookups and checks only: the query side is warmed up on those
        Thread queries = new Thread(() -> LoadPhase.run("warm-up-queries", 4, Duration.ZERO, settings.serviceWarmUp(),
                settings.accessOnly() ? this::roleLookup : this::queryMix, null), "warm-up-queries");
        queries.start();
        LoadPhase.run("warm-up-commands", 4, Duration.ZERO, settings.serviceWarmUp(),
                settings.accessOnly() ? this::accessCheckOne : this::commandMix, null);
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
                        Map.of("name", "c" + sequence + "-" + UUID.randomUUID().toString().substring(0, 8)));
            }
            if (dice < 60) {
                return http.send("PUT", settings.commandUrl() + "/v1/workspaces/" + name + "/members/m" + sequence,
                        token, Map.of("role", "viewer"));
            }
            return http.send("PATCH", settings.commandUrl() + "/v1/workspaces/" + name, token,
                    Map.of("description", "d" + sequence));
        };
    }

    /** Description changes only, on random workspaces: the write the pgbench 3-statement transaction mirrors. */
    private LoadPhase.Operation patchOnly(int client) {
        return (id, sequence) -> http.send("PATCH", settings.commandUrl() + "/v1/workspaces/"
                        + names.get(ThreadLocalRandom.current().nextInt(settings.workspaces())), admin,
                Map.of("description", "p" + sequence));
    }

    /** A role lookup, the read other services make on each of their requests: a user asking for their own roles. */
    private LoadPhase.Operation roleLookup(int client) {
        String user = "user-" + client % Math.min(USERS, settings.workspaces());
        String token = tokens.token(user, List.of());
        return (id, sequence) -> http.send("GET", settings.queryUrl() + "/v1/principals/" + user + "/workspaces", token,
                null);
    }

    /** One access check, a user asking whether they may read a workspace they are a member of. */
    private LoadPhase.Operation accessCheckOne(int client) {
        int k = client % Math.min(USERS, settings.workspaces());
        String user = "user-" + k;
        String token = tokens.token(user, List.of());
        Map<String, Object> body = Map.of("checks", List.of(Map.of("principal", user, "workspace", names.get(k),
                "action", "read")));
        byte[] request;
        try {
            request = checks.prepare("POST", "/v1/access/check", token,
                    JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return (id, sequence) -> checks.send(request);
    }

    /**
     * {@code POST /v1/access/check} at a fixed rate, open loop, when the query side has it: a build without the
     * check API answers 404 (or 405), and the phase is skipped with a note saying so.
     */
    private ObjectNode accessCheck() {
        ObjectNode result = JSON.createObjectNode();
        result.put("rate", settings.accessCheckRate());
        if (settings.accessCheckRate() <= 0) {
            return skipped(result, "not asked for (BENCH_ACCESS_CHECK_RATE=0)");
        }
        ServiceClient.Response probe = accessCheckOne(0).send(0, 0);
        if (probe.statusCode() == 404 || probe.statusCode() == 405) {
            return skipped(result, "POST /v1/access/check answered " + probe.statusCode()
                    + ": the query side of this build has no check API");
        }
        if (probe.statusCode() != 200) {
            return skipped(result, "POST /v1/access/check answered " + probe.statusCode() + " to a user checking their "
                    + "own read access: " + probe.body().substring(0, Math.min(200, probe.body().length())));
        }
        result.put("exercised", true);
        if (!settings.accessOnly()) {
            // the warm-up ran the command and query mixes, which never check: without this the check path would be
            // compiled by the JIT during the first rate, its compilation counted as the checks' CPU and its slow
            // first seconds queueing every request after them
            Duration warmUp = settings.serviceWarmUp().dividedBy(4);
            progress.step("warming the access checks up for " + warmUp.toSeconds() + " s");
            LoadPhase.run("warm-up-access-checks", 4, Duration.ZERO, warmUp, this::accessCheckOne, null);
        }
        com.fasterxml.jackson.databind.node.ArrayNode all = result.putArray("results");
        for (int rate : settings.accessCheckRates()) {
            progress.step("access checks (POST /v1/access/check, one check each) at a fixed " + rate + " requests/s");
            maintain();
            RatePhase.Result atRate = RatePhase.run("access-check", rate, 64, settings.rateWarmUp(), settings.phase(),
                    this::accessCheckOne, usage);
            progress.note(describe(atRate));
            all.add(JSON.valueToTree(atRate));
        }
        // "result": the first rate, as before lists of rates were taken
        result.set("result", all.get(0));
        return result;
    }

    private ObjectNode skipped(ObjectNode result, String reason) {
        progress.step("access checks at a fixed rate: skipped, " + reason);
        result.put("exercised", false);
        result.put("reason", reason);
        return result;
    }

    /** Get by name (40%), a list page of 100 (30%), a role lookup (30%), as an ordinary user. */
    private LoadPhase.Operation queryMix(int client) {
        // user-k is a member of workspace k (setUp), so each client reads a workspace it may see
        int k = client % Math.min(USERS, settings.workspaces());
        String user = "user-" + k;
        String token = tokens.token(user, List.of());
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
     * Projection lag under the mixed commands at 16 clients (or fewer when the run has no 16), in a phase of its own:
     * the probe's polling costs CPU that would otherwise count against the commands of the phase it runs in.
     */
    private ObjectNode projectionLag() throws InterruptedException {
        int clients = settings.clients().stream().filter(c -> c <= 16).max(Integer::compare).orElse(1);
        progress.step("projection lag under the commands of " + clients + " clients (not counted in the commands' rates)");
        maintain();
        LagProbe probe = new LagProbe();
        // the phases before may have left the projections behind: measure from a caught-up query side
        double catchUp = probe.roundTrip();
        progress.note(String.format("the query side caught up in %.1f s", catchUp / 1e3));
        probe.start();
        LoadPhase.Result load = LoadPhase.run("commands-lag-probe", clients, settings.warmUp(), settings.phase(),
                this::commandMix, usage);
        ObjectNode lag = probe.stop(clients);
        progress.note("commands beside the probe: " + describe(load));
        lag.put("commands_per_second", load.perSecond());
        lag.put("commands_p99", load.p99());
        return lag;
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
        private long round;

        void start() {
            thread.start();
        }

        private void probe() {
            while (running.get()) {
                double millis = roundTrip();
                if (millis >= 0 && running.get()) {
                    lags.add((long) (millis * 1e6));
                }
                pause(100);
            }
        }

        /**
         * One write, then its reads until it shows: milliseconds from the acknowledgement to the read that shows it
         * (-1 when the write failed). Polled every 5 ms, which is the resolution of the figure.
         */
        double roundTrip() {
            String description = "lag-" + round++;
            ServiceClient.Response write = http.send("PATCH", settings.commandUrl() + "/v1/workspaces/" + workspace,
                    admin, Map.of("description", description));
            long acknowledged = System.nanoTime();
            if (write.statusCode() != 200) {
                return -1;
            }
            long giveUp = acknowledged + Duration.ofMinutes(5).toNanos();
            while (!http.send("GET", settings.queryUrl() + "/v1/workspaces/" + workspace, admin, null).body()
                    .contains("\"description\":\"" + description + "\"")) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("the query side did not show a write within 5 minutes");
                }
                pause(5);
            }
            return (System.nanoTime() - acknowledged) / 1e6;
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
            expect(http.send("POST", settings.queryUrl() + "/v1/admin/projections/" + projection + "/replay", admin,
                    Map.of()), 202);
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

    private static ObjectNode ratios(Map<String, Map<Integer, Double>> reference, List<LoadPhase.Result> commands,
                                     List<LoadPhase.Result> patches, List<LoadPhase.Result> lookups) {
        Map<Integer, ObjectNode> byClients = new java.util.TreeMap<>();
        for (LoadPhase.Result result : commands) {
            ObjectNode at = byClients.computeIfAbsent(result.clients(), clients -> JSON.createObjectNode());
            reference.forEach((script, tps) -> {
                if (!script.equals(PgBench.SELECT)) {
                    at.put("commands_vs_" + script, ratio(result.perSecond(), tps.get(result.clients())));
                }
            });
        }
        LoadPhase.Result one = commands.stream().filter(result -> result.clients() == 1).findFirst().orElse(null);
        if (one != null) {
            for (LoadPhase.Result result : commands) {
                if (result.clients() > 1) {
                    byClients.get(result.clients()).put("commands_vs_1_client", ratio(result.perSecond(), one.perSecond()));
                }
            }
        }
        for (LoadPhase.Result result : patches) {
            byClients.computeIfAbsent(result.clients(), clients -> JSON.createObjectNode()).put(TRANSACTION_RATIO,
                    ratio(result.perSecond(), reference.getOrDefault(PgBench.TRANSACTION, Map.of()).get(result.clients())));
        }
        for (LoadPhase.Result result : lookups) {
            byClients.computeIfAbsent(result.clients(), clients -> JSON.createObjectNode()).put(SELECT_RATIO,
                    ratio(result.perSecond(), reference.getOrDefault(PgBench.SELECT, Map.of()).get(result.clients())));
        }
        ObjectNode ratios = JSON.createObjectNode();
        byClients.forEach((clients, at) -> ratios.set(Integer.toString(clients), at));
        return ratios;
    }

    private static double ratio(double service, Double reference) {
        return reference == null || reference == 0 ? 0 : service / reference;
    }

    private void plot(Path json, Map<String, Map<Integer, Double>> reference, List<PgBench.Result> pgbench,
                      List<LoadPhase.Result> commands, List<LoadPhase.Result> patches, List<LoadPhase.Result> queries)
            throws Exception {
        Map<String, Map<Integer, Double>> throughput = new LinkedHashMap<>();
        Map<String, Map<Integer, Double>> p99 = new LinkedHashMap<>();
        Map<String, Map<Integer, Double>> cpu = new LinkedHashMap<>();
        throughput.put("commands (HTTP)", series(commands, LoadPhase.Result::perSecond));
        throughput.put("PATCH only (HTTP)", series(patches, LoadPhase.Result::perSecond));
        throughput.put("queries (HTTP)", series(queries, LoadPhase.Result::perSecond));
        reference.forEach((script, tps) -> {
            if (!script.equals(PgBench.SELECT)) {
                throughput.put("pgbench " + script, tps);
            }
        });
        p99.put("commands", series(commands, LoadPhase.Result::p99));
        p99.put("PATCH only", series(patches, LoadPhase.Result::p99));
        p99.put("queries", series(queries, LoadPhase.Result::p99));
        cpu.put("commands", series(commands, result -> total(result.usage())));
        cpu.put("PATCH only", series(patches, result -> total(result.usage())));
        cpu.put("queries", series(queries, result -> total(result.usage())));
        Map<Integer, Double> reference3 = new LinkedHashMap<>();
        pgbench.stream().filter(run -> run.script().equals(PgBench.TRANSACTION))
                .forEach(run -> reference3.put(run.clients(), total(run.usage())));
        cpu.put("pgbench " + PgBench.TRANSACTION, reference3);
        Plot.write(Path.of(json.toString().replace(".json", ".png")), "Workspaces service, " + settings.size()
                        + " run, " + Instant.now().toString().substring(0, 16) + "Z",
                List.of(new Plot.Panel("throughput (requests or transactions / s)", throughput),
                        new Plot.Panel("p99 latency (ms)", p99),
                        new Plot.Panel("CPU ms per request: services + PostgreSQL backends", cpu)),
                settings.clients());
    }

    private static double total(Usage.PerRequest usage) {
        return usage == null || usage.cpuMsTotal() == null ? 0 : usage.cpuMsTotal();
    }

    private static Map<Integer, Double> series(List<LoadPhase.Result> results,
                                               java.util.function.ToDoubleFunction<LoadPhase.Result> value) {
        Map<Integer, Double> series = new LinkedHashMap<>();
        results.forEach(result -> series.put(result.clients(), value.applyAsDouble(result)));
        return series;
    }

    private static void printSummary(ObjectNode report) {
        System.out.println();
        System.out.printf("%-16s %7s %10s %8s %8s %8s %8s %7s%n", "phase", "clients", "per s", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "errors");
        for (String phase : List.of("commands", "patches", "queries", "role_lookups")) {
            for (JsonNode result : report.path(phase)) {
                printLatencies(phase, result.path("clients").asText(), result);
            }
        }
        if (report.path("queries_at_rate").isObject()) {
            printLatencies("queries_at_rate", "rate", report.path("queries_at_rate"));
        }
        JsonNode access = report.path("access_check");
        for (JsonNode atRate : access.path("results")) {
            printLatencies("access_check", atRate.path("target_per_second").asText(), atRate);
        }
        report.path("pgbench").fields().forEachRemaining(script -> script.getValue().fields().forEachRemaining(tps ->
                System.out.printf("pgbench %-25s %3s clients: %8.0f tps%n", script.getKey(), tps.getKey(),
                        tps.getValue().asDouble())));

        System.out.println();
        System.out.println("cost per request: CPU ms of each process, PostgreSQL transactions, WAL syncs");
        System.out.printf("%-46s %7s %7s %7s %7s %7s %7s %7s %7s %8s %8s %6s %6s%n", "phase", "command", "query", "pg",
                "pg-bg*", "loadgen", "total", "pg tx", "wal*", "total-i", "pg tx-i", "busy%", "kern%");
        for (String phase : List.of("commands", "patches", "queries", "role_lookups")) {
            for (JsonNode result : report.path(phase)) {
                printCost(phase + ", " + result.path("clients").asInt() + " clients", result.path("usage"));
            }
        }
        if (report.path("queries_at_rate").isObject()) {
            printCost("queries_at_rate", report.path("queries_at_rate").path("usage"));
        }
        for (JsonNode atRate : access.path("results")) {
            printCost("access_check at " + atRate.path("target_per_second").asInt() + "/s", atRate.path("usage"));
        }
        for (JsonNode run : report.path("pgbench_runs")) {
            printCost("pgbench " + run.path("script").asText() + ", " + run.path("clients").asInt() + " clients",
                    run.path("usage"));
        }
        printCost("idle, per second", report.path("idle_per_second"));
        System.out.println("loadgen: this JVM, or pgbench. total: command + query + pg. -i: less what the services cost "
                + "idle for as long. pgbench rows: pg is pgbench's backends, pg tx leaves out the idle services'. "
                + "* server-wide, includes other databases' work. busy%, kern%: the whole machine's CPU (all cores) "
                + "in use during the phase, and the kernel's part of it (not per request)");

        System.out.println();
        report.path("ratios").fields().forEachRemaining(at -> at.getValue().fields().forEachRemaining(ratio ->
                System.out.printf("%-40s at %2s clients: %5.1f%%%n", ratio.getKey(), at.getKey(),
                        100 * ratio.getValue().asDouble())));
        System.out.println("access checks at a fixed rate: " + (access.path("exercised").asBoolean()
                ? String.format("%d/s due, p50 %.1f ms, p99 %.1f ms", access.path("rate").asInt(),
                access.path("result").path("p50").asDouble(), access.path("result").path("p99").asDouble())
                : "skipped, " + access.path("reason").asText()));
        System.out.println("projection lag: " + report.path("projection_lag"));
        System.out.println("replay: " + report.path("replay"));
    }

    private static void printLatencies(String phase, String clients, JsonNode result) {
        System.out.printf("%-16s %7s %10.0f %8.1f %8.1f %8.1f %8.1f %7d%n", phase, clients,
                result.path("per_second").asDouble(), result.path("p50").asDouble(), result.path("p95").asDouble(),
                result.path("p99").asDouble(), result.path("max").asDouble(), result.path("errors").asLong());
    }

    private static void printCost(String phase, JsonNode usage) {
        StringBuilder line = new StringBuilder(String.format("%-46s", phase));
        for (String field : List.of("cpu_ms_command_side", "cpu_ms_query_side", "cpu_ms_postgres",
                "cpu_ms_postgres_background", "cpu_ms_load_generator", "cpu_ms_total", "pg_transactions", "wal_syncs",
                "cpu_ms_total_above_idle", "pg_transactions_above_idle")) {
            JsonNode value = usage.path(field);
            int width = field.endsWith("above_idle") ? 8 : 7;
            line.append(value.isNumber() ? String.format(" %" + width + ".2f", value.asDouble())
                    : String.format(" %" + width + "s", "-"));
        }
        for (String field : List.of("busy", "kernel")) {
            JsonNode share = usage.path("machine").path(field);
            line.append(share.isNumber() ? String.format(" %6.0f", 100 * share.asDouble()) : String.format(" %6s", "-"));
        }
        System.out.println(line);
    }

    private static String describe(LoadPhase.Result result) {
        return String.format("%.0f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors%s", result.perSecond(),
                result.p50(), result.p95(), result.p99(), result.max(), result.errors(), describe(result.usage()));
    }

    private static String describe(RatePhase.Result result) {
        return String.format("%.0f/s of %.0f due, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, %d errors, "
                        + "%d sent late%s", result.perSecond(), result.targetPerSecond(), result.p50(), result.p95(),
                result.p99(), result.max(), result.errors(), result.late(), describe(result.usage()));
    }

    private static String describe(Usage.PerRequest usage) {
        if (usage == null || usage.requests() == 0) {
            return "";
        }
        Usage.MachineShare machine = usage.machine();
        return String.format("; per request: CPU ms command %s, query %s, PostgreSQL %s, load generator %s; "
                        + "%s PostgreSQL transactions, %s WAL syncs%s", format(usage.cpuMsCommandSide()),
                format(usage.cpuMsQuerySide()), format(usage.cpuMsPostgres()), format(usage.cpuMsLoadGenerator()),
                format(usage.pgTransactions()), format(usage.walSyncs()), machine == null ? ""
                        : String.format("; machine busy %.0f%% (kernel %.0f%%, steal %.0f%%)", 100 * machine.busy(),
                        100 * machine.kernel(), 100 * machine.steal()));
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format("%.2f", value);
    }

    /** The processes whose CPU is read, and whether PostgreSQL's are on this machine. */
    private ObjectNode processes() {
        ObjectNode processes = JSON.createObjectNode();
        processes.put("command_side_pid", settings.commandPid());
        processes.put("query_side_pid", settings.queryPid());
        processes.put("load_generator_pid", ProcessHandle.current().pid());
        processes.put("postgres_on_this_machine", usage.postgresVisible());
        if (!usage.postgresVisible()) {
            progress.note("PostgreSQL's processes are not in this machine's /proc: its CPU is not reported");
        }
        if (settings.commandPid() <= 0 || settings.queryPid() <= 0) {
            progress.note("the services' process ids are not known (--command-pid, --query-pid): their CPU is not "
                    + "reported");
        }
        return processes;
    }

    /** The service settings this run was made with (bench.sh starts the services with the same environment). */
    private static ObjectNode configuration() {
        ObjectNode configuration = JSON.createObjectNode();
        for (String variable : List.of("WORKSPACES_SNAPSHOT_EVERY", "WORKSPACES_AGGREGATE_CACHE", "WORKSPACES_DB_POOL_SIZE",
                "WORKSPACES_EVENT_FETCH_DELAY", "WORKSPACES_PROJECTION_SEGMENTS", "WORKSPACES_PROJECTION_THREADS",
                "WORKSPACES_PROJECTION_BATCH_SIZE", "WORKSPACES_EVENT_BATCH_SIZE", "WORKSPACES_BROKER_ENABLED")) {
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

    private static void expect(ServiceClient.Response response, int status) {
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
