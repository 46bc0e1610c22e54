package io.workspaces.bench.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.access.Action;
import io.workspaces.events.PlatformRole;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The access index in memory, without a server: the heap it takes per million memberships, how long folding the
 * events into it takes, and how many checks per second it answers on 1 and on all cores.
 *
 * <p>Arguments (all optional): memberships (1000000), members per workspace (50), seconds per throughput run (5).
 * Run with a fixed heap so that the measure is stable, e.g. {@code java -Xms2g -Xmx2g}.
 */
public final class AccessIndexBench {

    private static final Set<PlatformRole> NO_PLATFORM_ROLES = Set.of();

    private AccessIndexBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        int memberships = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perWorkspace = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = IndexFixture.settledHeap(memory);
        long started = System.nanoTime();
        IndexFixture fixture = new IndexFixture(memberships, perWorkspace);
        AccessIndex index = fixture.index;
        long fillMillis = (System.nanoTime() - started) / 1_000_000;
        long fillCpuMillis = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        long after = IndexFixture.settledHeap(memory);
        long held = index.membershipCount();
        double mbPerMillion = (after - before) / 1024.0 / 1024.0 * 1_000_000.0 / held;
        System.out.printf("index: %d workspaces, %d principals, %d memberships, %d entities%n", fixture.workspaceCount,
                fixture.principalCount, held, fixture.entityCount);
        System.out.printf("fill from events: %d ms (main thread's CPU time since start: %d ms)%n", fillMillis,
                fillCpuMillis);
        System.out.printf("heap: %.1f MB in all, %.1f MB per 1M memberships (workspaces, names and entities included)%n",
                (after - before) / 1024.0 / 1024.0, mbPerMillion);

        fixture.makeChecks(1 << 20);
        String[] principals = fixture.principals;
        String[] refs = fixture.refs;
        Action[] actions = fixture.actions;
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : cores > 1 ? new int[]{1, cores} : new int[]{1}) {
            run(index, principals, refs, actions, threads, 1, false); // warm-up
            double rate = run(index, principals, refs, actions, threads, seconds, true);
            System.out.printf("checks: %,.0f per second on %d thread%s%n", rate, threads, threads == 1 ? "" : "s");
        }
        double entityRate = runEntities(index, principals, fixture.entities, seconds);
        System.out.printf("entity checks: %,.0f per second on 1 thread%n", entityRate);
    }

    private static double run(AccessIndex index, String[] principals, String[] refs, Action[] actions, int threads,
                              int seconds, boolean measured) throws InterruptedException {
        LongAdder done = new LongAdder();
        LongAdder allowed = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7777;
            Thread worker = new Thread(() -> {
                long cpuStarted = cpu.getCurrentThreadCpuTime();
                int mask = principals.length - 1;
                long n = 0;
                long yes = 0;
                int q = offset;
                while (!stop.get()) {
                    for (int i = 0; i < 1024; i++, q = (q + 1) & mask) {
                        if (index.check(principals[q], refs[q], actions[q], NO_PLATFORM_ROLES).decision().allowed()) {
                            yes++;
                        }
                    }
                    n += 1024;
                }
                done.add(n);
                allowed.add(yes);
                cpuNanos.add(cpu.getCurrentThreadCpuTime() - cpuStarted);
            });
            workers.add(worker);
        }
        long started = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (measured) {
            // the CPU the workers got: on a shared machine the wall-clock rate understates what a core does
            System.out.printf("  (%,.0f checks per CPU-second of the workers; %.1f of %d threads' time on a CPU; "
                            + "%d%% allowed)%n", done.sum() / (cpuNanos.sum() / 1e9), cpuNanos.sum() / 1e9 / elapsed,
                    threads, allowed.sum() * 100 / Math.max(1, done.sum()));
        }
        return done.sum() / elapsed;
    }

    private static double runEntities(AccessIndex index, String[] principals, String[] entities, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        long yes = 0;
        int mask = entities.length - 1;
        long started = System.nanoTime();
        int q = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1024; i++, q = (q + 1) & mask) {
                if (index.checkEntity(principals[q], "dataset", entities[q], Action.READ, NO_PLATFORM_ROLES)
                        .decision().allowed()) {
                    yes++;
                }
            }
            n += 1024;
        }
        if (yes < 0) {
            System.out.println("impossible");
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }
}
