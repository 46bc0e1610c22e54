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
 * The physical reference: pgbench on the same PostgreSQL and database, doing the least a command needs. Two
 * scripts: one single-row JSON insert per transaction, and a 3-statement transaction (read the stream's head,
 * insert the event, bump the head) like an append.
 */
final class PgBench {

    static final String INSERT = "insert";
    static final String TRANSACTION = "transaction-3-statements";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final String PAYLOAD = "{\"workspace_id\":\"00000000-0000-0000-0000-000000000000\","
            + "\"principal\":\"bench\",\"role\":\"editor\"}";

    private PgBench() {
    }

    /** tps per script and client count. */
    static Map<String, Map<Integer, Double>> run(Settings settings, Progress progress) throws Exception {
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
            Map<String, Map<Integer, Double>> results = new LinkedHashMap<>();
            for (Map.Entry<String, Path> script : Map.of(INSERT, insert, TRANSACTION, transaction).entrySet()) {
                Map<Integer, Double> byClients = new LinkedHashMap<>();
                for (int clients : settings.clients()) {
                    progress.step("pgbench " + script.getKey() + ", " + clients + " clients");
                    byClients.put(clients, tps(settings, script.getValue(), clients));
                }
                results.put(script.getKey(), byClients);
            }
            return results;
        } finally {
            try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_reference, bench_reference_head");
            }
        }
    }

    private static double tps(Settings settings, Path script, int clients) throws IOException, InterruptedException {
        Database database = Database.of(settings.databaseUrl());
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-h", database.host(), "-p", database.port(),
                "-U", settings.databaseUser(), "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Long.toString(settings.pgbenchPhase().toSeconds()), "-f", script.toString(), database.name()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!settings.databasePassword().isEmpty()) {
            builder.environment().put("PGPASSWORD", settings.databasePassword());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + output);
        }
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench's output: " + output);
        }
        return Double.parseDouble(tps.group(1));
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
