package io.workspaces.bench.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.access.Action;
import io.workspaces.events.EntityRegistered;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.PlatformRole;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceCreated;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
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
        int workspaceCount = memberships / perWorkspace;
        int principalCount = memberships / 10;
        int entityCount = workspaceCount * 5;

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        long started = System.nanoTime();
        AccessIndex index = new AccessIndex();
        SplittableRandom random = new SplittableRandom(42);
        UUID[] ids = new UUID[workspaceCount];
        for (int w = 0; w < workspaceCount; w++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            ids[w] = id;
            long sequence = 0;
            index.apply(new WorkspaceCreated(id, "ws-" + w, "", false), sequence++);
            for (int m = 0; m < perWorkspace; m++) {
                // each principal is in about ten workspaces
                String principal = "user-" + ((w * perWorkspace + m * 7919L) % principalCount);
                Role role = m == 0 ? Role.ADMIN : m % 5 == 0 ? Role.EDITOR : Role.VIEWER;
                if (!index.apply(new MemberAdded(id, principal, role), sequence)) {
                    continue;
                }
                sequence++;
            }
            if (w % 10 == 0) {
                index.apply(new MemberAdded(id, "*", Role.VIEWER), sequence++);
            }
            for (int e = 0; e < 5; e++) {
                index.apply(new EntityRegistered(id, "dataset", "d-" + (w * 5 + e)), sequence++);
            }
        }
        long fillMillis = (System.nanoTime() - started) / 1_000_000;
        long fillCpuMillis = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        long after = settledHeap(memory);
        long held = index.membershipCount();
        double mbPerMillion = (after - before) / 1024.0 / 1024.0 * 1_000_000.0 / held;
        System.out.printf("index: %d workspaces, %d principals, %d memberships, %d entities%n", workspaceCount,
                principalCount, held, entityCount);
        System.out.printf("fill from events: %d ms (main thread's CPU time since start: %d ms)%n", fillMillis,
                fillCpuMillis);
        System.out.printf("heap: %.1f MB in all, %.1f MB per 1M memberships (workspaces, names and entities included)%n",
                (after - before) / 1024.0 / 1024.0, mbPerMillion);

        int queries = 1 << 20;
        String[] principals = new String[queries];
        String[] refs = new String[queries];
        Action[] actions = new Action[queries];
        for (int q = 0; q < queries; q++) {
            int w = random.nextInt(workspaceCount);
            // half about members of the workspace (as most checks of a service are), half about anyone
            principals[q] = q % 4 < 2 ? "user-" + ((w * perWorkspace + random.nextInt(perWorkspace) * 7919L) % principalCount)
                    : "user-" + random.nextInt(principalCount);
            refs[q] = q % 2 == 0 ? "ws-" + w : ids[w].toString();
            actions[q] = Action.values()[random.nextInt(Action.values().length)];
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : cores > 1 ? new int[]{1, cores} : new int[]{1}) {
            run(index, principals, refs, actions, threads, 1, false); // warm-up
            double rate = run(index, principals, refs, actions, threads, seconds, true);
            System.out.printf("checks: %,.0f per second on %d thread%s%n", rate, threads, threads == 1 ? "" : "s");
        }
        double entityRate = runEntities(index, principals, entityCount, seconds);
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

    private static double runEntities(AccessIndex index, String[] principals, int entityCount, int seconds) {
        String[] entities = new String[principals.length];
        SplittableRandom random = new SplittableRandom(7);
        for (int q = 0; q < entities.length; q++) {
            entities[q] = "d-" + random.nextInt(entityCount);
        }
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

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
