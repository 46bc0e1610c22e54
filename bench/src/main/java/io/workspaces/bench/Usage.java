package io.workspaces.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a phase costs per request: the CPU time of each process involved, from {@code /proc/<pid>/stat}, and
 * PostgreSQL's transactions ({@code pg_stat_database}, the benchmark's database only) and WAL syncs
 * ({@code pg_stat_wal}, the whole server).
 *
 * <p>PostgreSQL's processes come and go (pgbench opens its own connections), so a sampler lists them in
 * {@code pg_stat_activity} (every 100 ms while pgbench runs, every second otherwise) and keeps the last CPU time
 * read for each; a backend that ends between two samples loses only what it spent since the last one. The
 * sampler connects to the {@code postgres} database, so that its own queries are not counted as the benchmark
 * database's transactions.
 *
 * <p>PostgreSQL publishes a backend's counters at most once a second, when it goes idle; one that went idle less
 * than a second after its last publication keeps them for its idle interval (10 s in PostgreSQL 15), so a reading
 * can miss up to about a second of each connection's transactions, which the next reading counts.
 * A phase is therefore read when it starts and again {@link #SETTLE} after its last request, and its costs
 * are divided by every request it sent, warm-up included. The CPU read in that tail includes the work the
 * requests left behind (projections catching up) and the services' idle work for that long, which an idle
 * reading measures on its own.
 *
 * <p>Beside the processes, the whole machine: how busy its CPUs were from the phase's start to its last request
 * ({@code /proc/stat}, every core), and how much of that was the kernel's, which shows whether a phase had the
 * cores to itself or had used them up.
 */
final class Usage implements AutoCloseable {

    /** Linux reports CPU times in /proc in USER_HZ ticks, 100 a second on every architecture. */
    private static final double TICKS_PER_SECOND = 100;
    private static final double MILLIS_PER_TICK = 1000 / TICKS_PER_SECOND;
    static final Duration SETTLE = Duration.ofMillis(1200);
    private static final String SELF = Long.toString(ProcessHandle.current().pid());

    /**
     * The CPU time of each process, in ticks (null when it is not visible in this machine's /proc); {@code pgbench}
     * is the part of {@code postgres} spent by pgbench's backends.
     */
    record Reading(long nanos, Long commandSide, Long querySide, Long postgres, Long pgbench, Long postgresBackground,
                   long loadGenerator, long transactions, Long walSyncs, CpuTimes machine) {
    }

    /**
     * The first line of {@code /proc/stat} (every core's times summed: user, nice, system, idle, iowait, irq, softirq,
     * steal, in ticks), when it was read, and how many cores it sums.
     */
    record CpuTimes(long nanos, int cores, long[] ticks) {
    }

    /**
     * The share of all the machine's CPU time (every core) between two readings of {@code /proc/stat}: {@code busy}
     * is everything but idle, I/O wait and steal; {@code kernel} is the part of it in system calls and interrupts
     * (system, irq, softirq); {@code steal} is what the hypervisor gave to other machines.
     */
    record MachineShare(double busy, double kernel, double steal) {

        /**
         * How far the ticks counted between two readings may stray from the time that passed (cores times seconds):
         * the kernel samples its counters, so they never match exactly.
         */
        static final double TOLERANCE = 0.25;

        /**
         * Between two readings; null if one is missing, no time passed, or the counters do not add up to the time
         * that passed on every core (seen on a virtual machine here: an interval of a 5,000-request-a-second phase
         * counted as 12% busy while its processes alone had used 35% of the cores), so that a wrong share is never
         * reported.
         */
        static MachineShare between(CpuTimes begin, CpuTimes end) {
            if (begin == null || end == null || begin.cores() != end.cores() || end.nanos() <= begin.nanos()) {
                return null;
            }
            long[] delta = new long[8];
            long all = 0;
            for (int i = 0; i < delta.length; i++) {
                delta[i] = end.ticks()[i] - begin.ticks()[i];
                all += delta[i];
            }
            double expected = (end.nanos() - begin.nanos()) / 1e9 * TICKS_PER_SECOND * end.cores();
            if (all <= 0 || Math.abs(all - expected) > TOLERANCE * expected) {
                return null;
            }
            double kernel = delta[2] + delta[5] + delta[6];
            double busy = delta[0] + delta[1] + kernel;
            return new MachineShare(busy / all, kernel / all, (double) delta[7] / all);
        }
    }

    /** What happened between two readings: CPU milliseconds, transactions and WAL syncs. Null where not known. */
    record Delta(double seconds, Double commandSide, Double querySide, Double postgres, Double pgbench,
                 Double postgresBackground, Double loadGenerator, Double transactions, Double walSyncs,
                 MachineShare machine) {

        /**
         * Per request of a phase of the services. {@code cpuMsTotal} is what serving costs: command side, query side
         * and PostgreSQL's backends. The {@code aboveIdle} figures take out what the services cost in as long when
         * idle (null: no idle reading).
         */
        PerRequest perRequest(long requests, Delta idle) {
            if (requests == 0) {
                return new PerRequest(0, seconds, null, null, null, null, null, null, null, null, null, null, null, machine);
            }
            Double total = total();
            return new PerRequest(requests, seconds, divide(commandSide, requests), divide(querySide, requests),
                    divide(postgres, requests), divide(postgresBackground, requests), divide(loadGenerator, requests),
                    divide(total, requests), divide(transactions, requests), divide(walSyncs, requests),
                    aboveIdle(total, idle == null ? null : idle.total(), idle, requests),
                    aboveIdle(transactions, idle == null ? null : idle.transactions, idle, requests),
                    aboveIdle(walSyncs, idle == null ? null : idle.walSyncs, idle, requests), machine);
        }

        private Double total() {
            return commandSide == null && querySide == null && postgres == null ? null
                    : zeroIfNull(commandSide) + zeroIfNull(querySide) + zeroIfNull(postgres);
        }

        private Double aboveIdle(Double value, Double idleValue, Delta idle, long requests) {
            return value == null || idleValue == null ? null : (value - idleValue / idle.seconds * seconds) / requests;
        }

        /**
         * Per transaction of a pgbench run, with the services idle next to it: PostgreSQL's CPU is that of pgbench's
         * backends, and the transactions the idle services made meanwhile ({@code idle}) are taken out.
         */
        PerRequest perPgbenchTransaction(long transactions, Delta idle) {
            if (transactions == 0) {
                return new PerRequest(0, seconds, null, null, null, null, null, null, null, null, null, null, null, machine);
            }
            Double own = this.transactions == null ? null : idle == null || idle.transactions == null
                    ? this.transactions : Math.max(0, this.transactions - idle.transactions / idle.seconds * seconds);
            return new PerRequest(transactions, seconds, null, null, divide(pgbench, transactions),
                    divide(postgresBackground, transactions), divide(loadGenerator, transactions),
                    divide(pgbench, transactions), divide(own, transactions), divide(walSyncs, transactions), null, null,
                    null, machine);
        }

        /** Per second, for an idle period. */
        PerRequest perSecond() {
            Delta perSecond = new Delta(seconds, divide(commandSide, seconds), divide(querySide, seconds),
                    divide(postgres, seconds), divide(pgbench, seconds), divide(postgresBackground, seconds),
                    divide(loadGenerator, seconds), divide(transactions, seconds), divide(walSyncs, seconds), machine);
            return perSecond.perRequest(1, null);
        }

        private static double zeroIfNull(Double value) {
            return value == null ? 0 : value;
        }

        private static Double divide(Double value, double by) {
            return value == null ? null : value / by;
        }
    }

    /**
     * Costs per request (or per pgbench transaction, or per second when idle); CPU in milliseconds. {@code machine}
     * is not per request: how busy the whole machine was meanwhile.
     */
    record PerRequest(long requests, double seconds, Double cpuMsCommandSide, Double cpuMsQuerySide, Double cpuMsPostgres,
                      Double cpuMsPostgresBackground, Double cpuMsLoadGenerator, Double cpuMsTotal, Double pgTransactions,
                      Double walSyncs, Double cpuMsTotalAboveIdle, Double pgTransactionsAboveIdle,
                      Double walSyncsAboveIdle, MachineShare machine) {
    }

    private final Settings settings;
    private final String database;
    private final Connection statistics;
    private final Thread sampler;
    private volatile boolean running = true;
    /** Per PostgreSQL process ever seen (pid and start time): the last CPU time read, and what it serves. */
    private final Map<String, Long> lastTicks = new HashMap<>();
    private final Set<String> background = new HashSet<>();
    private final Set<String> pgbenchBackends = new HashSet<>();
    private boolean postgresVisible;
    private SQLException failure;
    private volatile long sampleEveryMillis = 1_000;
    private volatile Delta idle;

    private Usage(Settings settings) throws SQLException {
        this.settings = settings;
        this.database = PgBench.Database.of(settings.databaseUrl()).name();
        this.statistics = DriverManager.getConnection(
                settings.databaseUrl().replaceFirst("^(jdbc:postgresql://[^/?]+)/[^?]*", "$1/postgres"),
                settings.databaseUser(), settings.databasePassword());
        this.sampler = new Thread(this::sampleRegularly, "usage-sampler");
        sampler.setDaemon(true);
    }

    static Usage start(Settings settings) throws SQLException {
        Usage usage = new Usage(settings);
        usage.sample();
        usage.sampler.start();
        return usage;
    }

    /** Whether PostgreSQL's processes are on this machine, where their CPU time can be read. */
    synchronized boolean postgresVisible() {
        return postgresVisible;
    }

    /** How many pgbench connections to the benchmark's database the sampler has seen so far. */
    synchronized int pgbenchBackendsSeen() {
        return pgbenchBackends.size();
    }

    synchronized Reading read() {
        sample();
        if (failure != null) {
            throw new IllegalStateException("reading PostgreSQL's statistics failed: " + failure.getMessage(), failure);
        }
        long postgres = 0;
        long pgbench = 0;
        long postgresBackground = 0;
        for (Map.Entry<String, Long> process : lastTicks.entrySet()) {
            if (background.contains(process.getKey())) {
                postgresBackground += process.getValue();
            } else {
                postgres += process.getValue();
                if (pgbenchBackends.contains(process.getKey())) {
                    pgbench += process.getValue();
                }
            }
        }
        try {
            return new Reading(System.nanoTime(), ticks(settings.commandPid()), ticks(settings.queryPid()),
                    postgresVisible ? postgres : null, postgresVisible ? pgbench : null,
                    postgresVisible ? postgresBackground : null, selfAndChildrenTicks(),
                    counter("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '"
                            + database.replace("'", "''") + "'"), walSyncs(), machine());
        } catch (SQLException e) {
            throw new IllegalStateException("reading PostgreSQL's statistics failed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for PostgreSQL to publish the counters of the work just done, then answers what it took since; the
     * machine's share is read before that wait, when the work ends.
     */
    Delta since(Reading begin) {
        CpuTimes machineAtEnd = machine();
        pause(SETTLE);
        Reading end = read();
        return new Delta((end.nanos() - begin.nanos()) / 1e9, ticks(begin.commandSide(), end.commandSide()),
                ticks(begin.querySide(), end.querySide()), ticks(begin.postgres(), end.postgres()),
                ticks(begin.pgbench(), end.pgbench()), ticks(begin.postgresBackground(), end.postgresBackground()),
                ticks(begin.loadGenerator(), end.loadGenerator()), count(begin.transactions(), end.transactions()),
                count(begin.walSyncs(), end.walSyncs()), MachineShare.between(begin.machine(), machineAtEnd));
    }

    /** What each of {@code requests} cost since {@code begin}, also above the services' idle cost once measured. */
    PerRequest since(Reading begin, long requests) {
        return since(begin).perRequest(requests, idle);
    }

    /**
     * Reads what the services cost while nobody asks them anything (polling the event log, housekeeping), for
     * {@code duration}; the phases' costs above idle are measured against it from then on.
     */
    Delta measureIdle(Duration duration) {
        pause(SETTLE);
        Reading begin = read();
        pause(duration);
        idle = since(begin);
        return idle;
    }

    /** The idle reading, or null before it is made. */
    Delta idle() {
        return idle;
    }

    /**
     * Samples PostgreSQL's processes every 100 ms instead of every second, while short-lived connections (pgbench's)
     * come and go; the services' pooled connections live for the whole run and are read at each phase's edges.
     */
    void sampleOften(boolean often) {
        sampleEveryMillis = often ? 100 : 1_000;
    }

    private static Double ticks(Long begin, Long end) {
        return begin == null || end == null ? null : (end - begin) * MILLIS_PER_TICK;
    }

    private static Double count(Long begin, Long end) {
        return begin == null || end == null ? null : (double) (end - begin);
    }

    private void sampleRegularly() {
        while (running) {
            synchronized (this) {
                sample();
            }
            pause(Duration.ofMillis(sampleEveryMillis));
        }
    }

    /** Lists PostgreSQL's processes serving the benchmark's database, and its server processes, and reads their CPU. */
    private void sample() {
        if (failure != null) {
            return;
        }
        try (PreparedStatement query = statistics.prepareStatement("SELECT pid, datname IS NULL, application_name "
                + "FROM pg_stat_activity WHERE (datname = ? OR datname IS NULL) AND pid <> pg_backend_pid()")) {
            query.setString(1, database);
            try (ResultSet processes = query.executeQuery()) {
                while (processes.next()) {
                    long[] stat = stat(Integer.toString(processes.getInt(1)));
                    if (stat == null) {
                        continue;
                    }
                    postgresVisible = true;
                    String process = processes.getInt(1) + "@" + stat[2];
                    lastTicks.put(process, stat[0]);
                    if (processes.getBoolean(2)) {
                        background.add(process);
                    }
                    if ("pgbench".equals(processes.getString(3))) {
                        pgbenchBackends.add(process);
                    }
                }
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    private long counter(String sql) throws SQLException {
        try (Statement statement = statistics.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private Long walSyncs() {
        try {
            return counter("SELECT wal_sync FROM pg_stat_wal");
        } catch (SQLException notBeforePostgres14) {
            return null;
        }
    }

    private static Long ticks(long pid) {
        if (pid <= 0) {
            return null;
        }
        long[] stat = stat(Long.toString(pid));
        return stat == null ? null : stat[0];
    }

    /** The machine's CPU times now; null where there is no /proc/stat. */
    static CpuTimes machine() {
        try {
            long now = System.nanoTime();
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            int cores = (int) lines.stream()
                    .filter(line -> line.length() > 3 && line.startsWith("cpu") && Character.isDigit(line.charAt(3)))
                    .count();
            return lines.isEmpty() || !lines.get(0).startsWith("cpu ") || cores == 0 ? null
                    : new CpuTimes(now, cores, cpuLine(lines.get(0)));
        } catch (IOException | RuntimeException notLinux) {
            return null;
        }
    }

    static long[] cpuLine(String line) {
        String[] fields = line.trim().split("\\s+");
        long[] ticks = new long[8];
        for (int i = 0; i < ticks.length && i + 1 < fields.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
        }
        return ticks;
    }

    /** The load generator: this JVM, and the children it waited for (pgbench). */
    private static long selfAndChildrenTicks() {
        long[] stat = stat(SELF);
        return stat == null ? 0 : stat[0] + stat[1];
    }

    /**
     * {@code /proc/<pid>/stat}: user and system ticks, the same for children waited for, and the start time;
     * null when there is no such process here.
     */
    private static long[] stat(String pid) {
        String line;
        try {
            line = Files.readString(Path.of("/proc", pid, "stat"));
        } catch (IOException goneOrElsewhere) {
            return null;
        }
        // the command name in parentheses may hold spaces; fields are counted after it (field 3 is index 0)
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return new long[]{Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                Long.parseLong(fields[13]) + Long.parseLong(fields[14]), Long.parseLong(fields[19])};
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws SQLException {
        running = false;
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        statistics.close();
    }
}
