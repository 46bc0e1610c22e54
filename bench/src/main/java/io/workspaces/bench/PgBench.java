package io.workspaces.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The physical reference: pgbench on the same PostgreSQL server and database as the services, doing the least
 * a request needs. Three scripts: one single-row JSON insert per transaction; a 3-statement transaction (read
 * the stream's head, insert the event, bump the head) like an append; and pgbench's own select-only script
 * ({@code -S}, one primary-key lookup) for reads.
 */
final class PgBench {

    static final String INSERT = "insert";
    static final String TRANSACTION = "transaction-3-statements";
    static final String SELECT = "select-only";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final String PAYLOAD = "{\"workspace_id\":\"00000000-0000-0000-0000-000000000000\","
            + "\"principal\":\"bench\",\"role\":\"editor\"}";

    /** One pgbench run: its throughput and what each of its transactions cost. */
    record Result(String script, int clients, double tps, long transactions, Usage.PerRequest usage) {
    }

    private PgBench() {
    }

    /**
     * Runs every script at every concurrency; what the services cost while idle next to it ({@link Usage#idle()})
     * is taken out of the transactions counted.
     */
    static List<Result> run(Settings settings, Progress progress, Usage usage) throws Exception {
        Usage.Delta idle = usage.idle();
        prepare(settings);
        try {
            Path insert = script("\\set id random(1, 10000)\n"
                    + "INSERT INTO bench_reference (aggregate_id, payload) VALUES (:id, '" + PAYLOAD + "');\n");
            Path transaction = script("\\set id random(1, 10000)\n"
                    + "BEGIN;\n"
                    + "SELECT version FROM bench_reference_head WHERE aggregate_id = :id;\n"
                    + "INSERT INTO bench_reference (aggregate_id, payload) VALUES (:id, '" + PAYLOAD + "');\n"
                    + "UPDATE bench_reference_head SET version = version + 1 WHERE aggregate_id = :id;\n"
                    + "END;\n");
            List<Result> results = new ArrayList<>();
            List<Map.Entry<String, Path>> writes = settings.accessOnly() ? List.of()
                    : settings.allPhases() ? List.of(Map.entry(INSERT, insert), Map.entry(TRANSACTION, transaction))
                    : List.of(Map.entry(TRANSACTION, transaction));
            for (Map.Entry<String, Path> script : writes) {
                for (int clients : settings.clients()) {
                    progress.step("pgbench " + script.getKey() + ", " + clients + " clients");
                    results.add(measure(settings, usage, idle, script.getKey(), clients, "-f", script.getValue().toString()));
                }
            }
            if (!settings.lookupClients().isEmpty()) {
                progress.step("pgbench -i (the select-only script's tables, scale 1)");
                pgbench(settings, List.of("-i", "-q", "-s", "1"));
            }
            for (int clients : settings.lookupClients()) {
                progress.step("pgbench " + SELECT + " (-S), " + clients + " clients");
                results.add(measure(settings, usage, idle, SELECT, clients, "-S"));
            }
            return results;
        } finally {
            try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_reference, bench_reference_head, pgbench_accounts, "
                        + "pgbench_branches, pgbench_history, pgbench_tellers");
            }
        }
    }

    /** tps per script and client count, as the result's {@code pgbench} section has always had it. */
    static Map<String, Map<Integer, Double>> tps(List<Result> results) {
        Map<String, Map<Integer, Double>> tps = new LinkedHashMap<>();
        results.forEach(result -> tps.computeIfAbsent(result.script(), script -> new LinkedHashMap<>())
                .put(result.clients(), result.tps()));
        return tps;
    }

    private static Result measure(Settings settings, Usage usage, Usage.Delta idle, String name, int clients,
                                  String... script)
            throws IOException, InterruptedException {
        int seenBefore = usage.pgbenchBackendsSeen();
        Usage.Reading begin = usage.read();
        List<String> arguments = new ArrayList<>(List.of("-n", "-c", Integer.toString(clients), "-j",
                Integer.toString(Math.min(clients, 2)), "-T", Long.toString(settings.pgbenchPhase().toSeconds())));
        arguments.addAll(List.of(script));
        usage.sampleOften(true);
        String output;
        try {
            output = pgbench(settings, arguments);
        } finally {
            usage.sampleOften(false);
        }
        Matcher tps = TPS.matcher(output);
        Matcher processed = PROCESSED.matcher(output);
        if (!tps.find() || !processed.find()) {
            throw new IllegalStateException("no tps in pgbench's output: " + output);
        }
        long transactions = Long.parseLong(processed.group(1));
        Usage.PerRequest cost = usage.since(begin).perPgbenchTransaction(transactions, idle);
        if (usage.pgbenchBackendsSeen() == seenBefore) {
            throw new IllegalStateException("pgbench's connections never showed up in pg_stat_activity of the server "
                    + "at " + settings.databaseUrl() + ": pgbench did not run against the services' server");
        }
        return new Result(name, clients, Double.parseDouble(tps.group(1)), transactions, cost);
    }

    /** Runs pgbench on the benchmark's database with these arguments; answers its output. */
    private static String pgbench(Settings settings, List<String> arguments) throws IOException, InterruptedException {
        Database database = Database.of(settings.databaseUrl());
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", database.host(), "-p", database.port(),
                "-U", settings.databaseUser()));
        command.addAll(arguments);
        command.add(database.name());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!settings.databasePassword().isEmpty()) {
            builder.environment().put("PGPASSWORD", settings.databasePassword());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + output);
        }
        return output;
    }

    private static void prepare(Settings settings) throws SQLException {
        try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_reference, bench_reference_head");
            statement.execute("CREATE TABLE bench_reference (id BIGSERIAL PRIMARY KEY, aggregate_id INTEGER NOT NULL, "
                    + "payload JSONB NOT NULL)");
            statement.execute("CREATE INDEX bench_reference_aggregate ON bench_reference (aggregate_id)");
            statement.execute("CREATE TABLE bench_reference_head (aggregate_id INTEGER PRIMARY KEY, version BIGINT NOT NULL)");
            statement.execute("INSERT INTO bench_reference_head SELECT g, 0 FROM generate_series(1, 10000) g");
        }
    }

    private static Path script(String text) throws IOException {
        Path script = Files.createTempFile("workspaces-pgbench", ".sql");
        Files.writeString(script, text);
        script.toFile().deleteOnExit();
        return script;
    }

    static Connection connect(Settings settings) throws SQLException {
        return DriverManager.getConnection(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword());
    }

    record Database(String host, String port, String name) {
        static Database of(String jdbcUrl) {
            Matcher url = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*$").matcher(jdbcUrl);
            if (!url.matches()) {
                throw new IllegalArgumentException("not a jdbc:postgresql://host:port/database URL: " + jdbcUrl);
            }
            return new Database(url.group(1), url.group(2) == null ? "5432" : url.group(2), url.group(3));
        }
    }
}
