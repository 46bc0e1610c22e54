package io.workspaces.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does. {@code quick} checks that everything works in about two minutes; {@code full} is
 * the run the report is made of. {@code lookupClients}: the concurrencies of the role-lookup phase and of
 * pgbench's select-only reference. {@code accessCheckRates}: requests a second of the open-loop check phase, one
 * run per rate (empty or 0: skipped). {@code commandPid}, {@code queryPid}: the services' processes, whose CPU is
 * read from /proc (0: unknown, not read). {@code phases}: {@code all}; {@code access}, only the phases of the access
 * paths (idle, pgbench's select-only, role lookups, access checks), warmed up with role lookups and checks; or
 * {@code patches}, only idle, pgbench's 3-statement transaction, the PATCH phase and the replay (what the write path's
 * cost per command is judged by); or {@code writes}, only idle, pgbench's 3-statement transaction, the command mix
 * and the PATCH phase.
 */
record Settings(String size, List<Integer> clients, int workspaces, Duration phase, Duration warmUp, int replayEvents,
                Duration pgbenchPhase, Duration serviceWarmUp, int queryRate, String label, String commandUrl, String queryUrl, String databaseUrl, String databaseUser,
                String databasePassword, String jwtSecret, String jwtIssuer, Path out, List<Integer> lookupClients,
                List<Integer> accessCheckRates, long commandPid, long queryPid, String phases) {

    boolean accessOnly() {
        return phases.equals("access");
    }

    boolean patchesOnly() {
        return phases.equals("patches");
    }

    boolean writesOnly() {
        return phases.equals("writes");
    }

    /** Every phase is run, and plotted. */
    boolean allPhases() {
        return phases.equals("all");
    }

    /** The projections are rebuilt from position 0 (the replay phase): {@code all} and {@code patches}. */
    boolean replays() {
        return allPhases() || patchesOnly();
    }

    /** The access paths' phases (role lookups, access checks) are run: {@code all} and {@code access}. */
    boolean accessPaths() {
        return allPhases() || accessOnly();
    }

    /**
     * How long an open-loop phase runs at its rate before it is timed: three closed-loop warm-ups (15 s in a full
     * run). Its first seconds still see the JIT compiler and the load generator's new connections at work, and one
     * 5 s warm-up left the first of two identical access-check phases with a p99 0.5 ms above the second's.
     */
    Duration rateWarmUp() {
        return warmUp.multipliedBy(3);
    }

    /** The first rate of the access-check phase, 0 when skipped. */
    int accessCheckRate() {
        return accessCheckRates.isEmpty() ? 0 : accessCheckRates.get(0);
    }

    static Settings parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        String size = option(options, "size", "BENCH_SIZE", "quick");
        boolean full = size.equals("full");
        if (!full && !size.equals("quick")) {
            throw new IllegalArgumentException("--size is quick or full");
        }
        String phases = phases(option(options, "phases", "BENCH_PHASES", "all"));
        return new Settings(size,
                clients(option(options, "clients", "BENCH_CLIENTS", full ? "1,4,16,64" : "1,4")),
                full ? 200 : 20,
                Duration.ofSeconds(Long.parseLong(option(options, "phase-seconds", "BENCH_PHASE_SECONDS", full ? "20" : "3"))),
                Duration.ofSeconds(full ? 5 : 1),
                Integer.parseInt(option(options, "replay-events", "BENCH_REPLAY_EVENTS", full ? "100000" : "2000")),
                Duration.ofSeconds(full ? 15 : 2),
                Duration.ofSeconds(Long.parseLong(option(options, "warm-up-seconds", "BENCH_WARM_UP_SECONDS", full ? "120" : "5"))),
                Integer.parseInt(option(options, "query-rate", "BENCH_QUERY_RATE", full ? "1000" : "100")),
                option(options, "label", "BENCH_LABEL", size).replaceAll("[^A-Za-z0-9_.-]", "-"),
                option(options, "command-url", "WORKSPACES_COMMAND_URL", "http://127.0.0.1:18181"),
                option(options, "query-url", "WORKSPACES_QUERY_URL", "http://127.0.0.1:18182"),
                option(options, "db-url", "WORKSPACES_DB_URL", "jdbc:postgresql://localhost:5432/workspaces_bench"),
                option(options, "db-user", "WORKSPACES_DB_USER", "postgres"),
                option(options, "db-password", "WORKSPACES_DB_PASSWORD", ""),
                option(options, "jwt-secret", "WORKSPACES_JWT_HMAC_SECRET", null),
                option(options, "jwt-issuer", "WORKSPACES_JWT_ISSUER", "workspaces-local"),
                Path.of(option(options, "out", "BENCH_OUT", "bench/results")),
                phases.equals("all") || phases.equals("access") ? List.of(1, 16) : List.of(),
                rates(option(options, "access-check-rate", "BENCH_ACCESS_CHECK_RATE", full ? "5000" : "200")),
                Long.parseLong(option(options, "command-pid", "BENCH_COMMAND_PID", "0")),
                Long.parseLong(option(options, "query-pid", "BENCH_QUERY_PID", "0")),
                phases);
    }

    /** {@code 1000,2000,5000}: one access-check run per rate; {@code 0}: none. */
    private static List<Integer> rates(String value) {
        List<Integer> rates = new java.util.ArrayList<>();
        for (String rate : value.split(",")) {
            int perSecond = Integer.parseInt(rate.trim());
            if (perSecond < 0) {
                throw new IllegalArgumentException("--access-check-rate is a list of requests/s, not " + value);
            }
            if (perSecond > 0) {
                rates.add(perSecond);
            }
        }
        return List.copyOf(rates);
    }

    private static String phases(String value) {
        if (!List.of("all", "access", "patches", "writes").contains(value)) {
            throw new IllegalArgumentException("--phases is all, access, patches or writes, not " + value);
        }
        return value;
    }

    /** {@code 1,4,16}: the concurrencies of the closed-loop phases and of pgbench's write scripts. */
    private static List<Integer> clients(String value) {
        List<Integer> clients = new java.util.ArrayList<>();
        for (String count : value.split(",")) {
            int each = Integer.parseInt(count.trim());
            if (each < 1) {
                throw new IllegalArgumentException("--clients is a list of client counts, not " + value);
            }
            clients.add(each);
        }
        return List.copyOf(clients);
    }

    private static String option(Map<String, String> options, String name, String environment, String fallback) {
        String value = options.getOrDefault(name, System.getenv(environment));
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("--" + name + " (or " + environment + ") is required");
            }
            return fallback;
        }
        return value;
    }
}
