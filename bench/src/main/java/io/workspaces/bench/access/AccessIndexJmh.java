package io.workspaces.bench.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.events.PlatformRole;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * JMH: access checks answered by the in-memory access index, the code both a query node and the client's local
 * replica ({@code AccessReplica}) answer checks with. Throughput in checks per second; the index holds
 * {@code memberships} direct memberships ({@link IndexFixture}). Setting the index up also measures the heap it
 * takes and prints it per million memberships. Run it with {@code bench/jmh.sh} (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AccessIndexJmh {

    private static final Set<PlatformRole> NO_PLATFORM_ROLES = Set.of();

    @Param("1000000")
    public int memberships;

    @Param("50")
    public int membersPerWorkspace;

    /** Distinct checks asked in turn (a power of two): many more than the CPU caches hold. */
    @Param("1048576")
    public int checks;

    private IndexFixture fixture;
    private AccessIndex index;
    private int mask;

    /**
     * Each benchmark thread walks the checks from its own offset, and counts what it did and the CPU time it got in
     * the measured iterations: on a shared machine the wall-clock rate understates what a core does, so the trial
     * ends with the checks per CPU-second of the benchmark threads.
     */
    @State(Scope.Thread)
    public static class Cursor {
        private static final AtomicInteger THREADS = new AtomicInteger();
        private static final LongAdder MEASURED_OPERATIONS = new LongAdder();
        private static final LongAdder MEASURED_CPU_NANOS = new LongAdder();
        private static final LongAdder MEASURED_WALL_NANOS = new LongAdder();
        private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int next = THREADS.getAndIncrement() * 7777;
        long operations;
        private boolean measured;
        private long cpuStarted;
        private long wallStarted;

        int advance(int mask) {
            operations++;
            int q = next & mask;
            next = q + 1;
            return q;
        }

        @Setup(Level.Iteration)
        public void start(IterationParams iteration) {
            measured = iteration.getType() == IterationType.MEASUREMENT;
            operations = 0;
            cpuStarted = cpu.getCurrentThreadCpuTime();
            wallStarted = System.nanoTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            if (measured) {
                MEASURED_OPERATIONS.add(operations);
                MEASURED_CPU_NANOS.add(cpu.getCurrentThreadCpuTime() - cpuStarted);
                MEASURED_WALL_NANOS.add(System.nanoTime() - wallStarted);
            }
        }
    }

    @TearDown(Level.Trial)
    public void report() {
        double cpuSeconds = Cursor.MEASURED_CPU_NANOS.sumThenReset() / 1e9;
        double wallSeconds = Cursor.MEASURED_WALL_NANOS.sumThenReset() / 1e9;
        long operations = Cursor.MEASURED_OPERATIONS.sumThenReset();
        System.out.printf("%nper CPU-second of the benchmark threads: %,.0f ops (they were on a CPU %.0f%% of the "
                + "measured time)%n", operations / Math.max(1e-9, cpuSeconds), 100 * cpuSeconds / Math.max(1e-9, wallSeconds));
    }

    @Setup(Level.Trial)
    public void fill() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = IndexFixture.settledHeap(memory);
        IndexFixture filled = new IndexFixture(memberships, membersPerWorkspace);
        long after = IndexFixture.settledHeap(memory);
        long held = filled.index.membershipCount();
        double megabytes = (after - before) / 1048576.0;
        System.out.printf("%naccess index: %d workspaces, %d principals, %d memberships, %d entities: %.1f MB of heap, "
                        + "%.1f MB per 1M memberships (workspaces, names, * bindings and entities included)%n",
                filled.workspaceCount, filled.principalCount, held, filled.entityCount, megabytes,
                megabytes * 1_000_000.0 / Math.max(1, held));
        fixture = filled.makeChecks(checks);
        index = fixture.index;
        mask = checks - 1;
    }

    /** A check naming the workspace by name or id, with an action: what {@code POST /v1/access/check} answers. */
    @Benchmark
    public AccessIndex.Answer checkWorkspace(Cursor cursor) {
        int q = cursor.advance(mask);
        return index.check(fixture.principals[q], fixture.refs[q], fixture.actions[q], NO_PLATFORM_ROLES);
    }

    /** A check naming an entity, resolved to the live workspace that holds it. */
    @Benchmark
    public AccessIndex.Answer checkEntity(Cursor cursor) {
        int q = cursor.advance(mask);
        return index.checkEntity(fixture.principals[q], "dataset", fixture.entities[q], fixture.actions[q],
                NO_PLATFORM_ROLES);
    }

    /**
     * The role lookup as {@code GET /v1/principals/{p}/workspaces} asks it: the first page (100, the default size) of
     * a principal's roles in every live workspace, {@code *} bindings included (about ten of its own, and every
     * {@code *}-bound workspace of the fixture).
     */
    @Benchmark
    public AccessIndex.GrantPage roleLookup(Cursor cursor) {
        return index.grants(fixture.principals[cursor.advance(mask)], true, false, 0, 100);
    }
}
