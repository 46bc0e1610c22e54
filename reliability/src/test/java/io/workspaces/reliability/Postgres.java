package io.workspaces.reliability;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's PostgreSQL as an operator uses it: databases of this test run, and its command-line tools
 * ({@code pg_dump}, {@code pg_restore}, {@code psql}, shell scripts) run as processes.
 */
final class Postgres {

    private static final Pattern SERVER = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?$");

    static final String HOST;
    static final String PORT;

    static {
        Matcher server = SERVER.matcher(TestDatabase.SERVER);
        HOST = server.matches() ? server.group(1) : "localhost";
        PORT = server.matches() && server.group(2) != null ? server.group(2) : "5432";
    }

    private Postgres() {
    }

    /** A new database name of this test run. */
    static String newDatabase(String purpose) {
        return "workspaces_reliability_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    static String url(String database) {
        return TestDatabase.SERVER + "/" + database;
    }

    static JdbcTemplate jdbc(String database) {
        return new JdbcTemplate(new DriverManagerDataSource(url(database), TestDatabase.USER, TestDatabase.PASSWORD));
    }

    static void create(String database) {
        DatabaseCreator.ensureExists(url(database), TestDatabase.USER, TestDatabase.PASSWORD);
    }

    static void drop(String database) {
        DatabaseCreator.drop(url(database), TestDatabase.USER, TestDatabase.PASSWORD);
    }

    /** Every row of {@code table} as text (a row's columns in {@code columns}, or all of them), sorted. */
    static List<String> rows(JdbcTemplate jdbc, String table, String columns) {
        String row = columns == null ? "t::text" : "ROW(" + columns + ")::text";
        return jdbc.queryForList("SELECT " + row + " FROM " + table + " t ORDER BY 1", String.class);
    }

    /** {@code pg_dump}, {@code pg_restore}, {@code psql} with the connection of the tests' server. */
    static Result tool(String tool, String... arguments) {
        List<String> command = new ArrayList<>(List.of(tool, "-h", HOST, "-p", PORT, "-U", TestDatabase.USER));
        command.addAll(List.of(arguments));
        return run(command, Map.of());
    }

    /** Runs a command in the repository's root directory; its output (both streams) is returned. */
    static Result run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .directory(Path.of(System.getProperty("workspaces.root", "..")).toFile());
            builder.environment().put("PGPASSWORD", TestDatabase.PASSWORD);
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within 5 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String output) {
        Result orFail() {
            if (exitCode != 0) {
                throw new IllegalStateException("exit " + exitCode + ": " + output);
            }
            return this;
        }
    }
}
