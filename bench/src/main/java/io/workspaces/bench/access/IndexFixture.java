package io.workspaces.bench.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.access.Action;
import io.workspaces.events.EntityRegistered;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceCreated;

import java.lang.management.MemoryMXBean;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * An access index filled from events the way a query node or a replica fills it, and checks to ask of it:
 * {@code memberships / perWorkspace} workspaces, each principal in about ten of them, one workspace in ten with a
 * {@code *} binding, five entities per workspace. Half the checks are about members of the workspace (as most of
 * a service's checks are), half about anyone; half name the workspace by name, half by id. Fixed seeds: every run
 * asks the same questions of the same index.
 */
final class IndexFixture {

    final AccessIndex index = new AccessIndex();
    final int workspaceCount;
    final int principalCount;
    final int entityCount;
    final int perWorkspace;
    private final UUID[] ids;
    private final SplittableRandom random = new SplittableRandom(42);
    String[] principals;
    String[] refs;
    Action[] actions;
    String[] entities;

    /** Fills the index only; {@link #makeChecks()} adds the checks to ask. */
    IndexFixture(int memberships, int perWorkspace) {
        this.perWorkspace = perWorkspace;
        workspaceCount = Math.max(1, memberships / perWorkspace);
        principalCount = Math.max(1, memberships / 10);
        entityCount = workspaceCount * 5;
        ids = new UUID[workspaceCount];
        for (int w = 0; w < workspaceCount; w++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            ids[w] = id;
            long sequence = 0;
            index.apply(new WorkspaceCreated(id, "ws-" + w, "", false), sequence++);
            for (int m = 0; m < perWorkspace; m++) {
                String principal = principal(w, m);
                Role role = m == 0 ? Role.ADMIN : m % 5 == 0 ? Role.EDITOR : Role.VIEWER;
                if (index.apply(new MemberAdded(id, principal, role), sequence)) {
                    sequence++;
                }
            }
            if (w % 10 == 0) {
                index.apply(new MemberAdded(id, "*", Role.VIEWER), sequence++);
            }
            for (int e = 0; e < 5; e++) {
                index.apply(new EntityRegistered(id, "dataset", "d-" + (w * 5 + e)), sequence++);
            }
        }
    }

    /** The checks: {@code count} (a power of two) principals, workspace references, actions and entity ids. */
    IndexFixture makeChecks(int count) {
        if (Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("checks must be a power of two, not " + count);
        }
        principals = new String[count];
        refs = new String[count];
        actions = new Action[count];
        entities = new String[count];
        for (int q = 0; q < count; q++) {
            int w = random.nextInt(workspaceCount);
            principals[q] = q % 4 < 2 ? principal(w, random.nextInt(perWorkspace))
                    : "user-" + random.nextInt(principalCount);
            refs[q] = q % 2 == 0 ? "ws-" + w : ids[w].toString();
            actions[q] = Action.values()[random.nextInt(Action.values().length)];
            entities[q] = "d-" + random.nextInt(entityCount);
        }
        return this;
    }

    /** The heap in use once the collector has settled: the least of five readings, each after a collection. */
    static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private String principal(int workspace, int member) {
        return "user-" + ((workspace * (long) perWorkspace + member * 7919L) % principalCount);
    }
}
