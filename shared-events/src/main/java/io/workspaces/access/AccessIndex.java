package io.workspaces.access;

import io.workspaces.events.EntityRegistered;
import io.workspaces.events.EntityUnregistered;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.MemberRemoved;
import io.workspaces.events.MemberRoleChanged;
import io.workspaces.events.PlatformRole;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceCreated;
import io.workspaces.events.WorkspaceDeleted;
import io.workspaces.events.WorkspaceEvent;
import io.workspaces.events.WorkspaceName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Who holds which role where, in memory: every workspace (live or deleted, with its name, its members and its
 * {@code *} binding), live workspace names, the workspaces of each principal, and which workspace holds each entity.
 * It answers access checks and role lookups without a database.
 *
 * <p>One thread changes it (the one that folds the event stream into it); any number read it at the same time. Each
 * workspace keeps the number of its events applied, so an event applied already (the index was loaded from a
 * snapshot that is ahead of the position it follows the stream from) changes nothing.
 *
 * <p>An entity may be registered in several workspaces; the one that holds it is the first of them that registered
 * it and still holds it.
 */
public final class AccessIndex {

    /** A workspace as the index knows it. Fields change only on the writing thread. */
    public static final class Workspace {
        private final UUID id;
        private final String name;
        private volatile boolean live = true;
        private volatile long version;
        private final ConcurrentHashMap<String, Role> members = new ConcurrentHashMap<>(4);
        private volatile Role everyone;

        private Workspace(UUID id, String name) {
            this.id = id;
            this.name = name;
        }

        public UUID id() {
            return id;
        }

        public String name() {
            return name;
        }

        public boolean live() {
            return live;
        }

        /** The number of the workspace's events applied. */
        public long version() {
            return version;
        }

        /** The role of {@code principal}'s own membership, null for none. */
        public Role memberRole(String principal) {
            return members.get(principal);
        }

        /** The role of the {@code *} binding, null for none. */
        public Role everyoneRole() {
            return everyone;
        }

        /** The higher of {@code principal}'s own membership and the {@code *} binding, null for neither. */
        public Role roleOf(String principal) {
            return Role.effective(members.get(principal), everyone);
        }

        /** The number of direct members ({@code *} excluded). */
        public int memberCount() {
            return members.size();
        }
    }

    /** One answer: the decision and the workspace it is about (null when not found). */
    public record Answer(Decision decision, UUID workspaceId) {
        public static final Answer NOT_FOUND = new Answer(Decision.NOT_FOUND, null);
    }

    /** A role in one workspace, as the role lookup shows it. */
    public record Grant(UUID workspaceId, String workspaceName, Role memberRole, Role everyoneRole) {
        public Role role() {
            return Role.effective(memberRole, everyoneRole);
        }
    }

    private record EntityKey(String type, String id) {
    }

    /** One page of a principal's grants, and how many there are in all. */
    public record GrantPage(List<Grant> grants, long total) {
    }

    /** The live workspaces where one principal is a member, sorted by name then id; replaced whole on every change. */
    private static final class Held {
        private final String principal;
        private volatile Workspace[] workspaces;

        private Held(String principal, Workspace[] workspaces) {
            this.principal = principal;
            this.workspaces = workspaces;
        }
    }

    private static final Workspace[] NONE = new Workspace[0];
    /** The order of role lookups: by name, then id (names of live workspaces are unique and never change). */
    private static final Comparator<Workspace> BY_NAME = Comparator.comparing((Workspace workspace) -> workspace.name)
            .thenComparing(workspace -> workspace.id.toString());

    private final ConcurrentHashMap<UUID, Workspace> workspaces = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Workspace> liveByName = new ConcurrentHashMap<>();
    /** Direct memberships by principal ({@code *} excluded). */
    private final ConcurrentHashMap<String, Held> byPrincipal = new ConcurrentHashMap<>();
    /** Live workspaces with a {@code *} binding, sorted, so that a role lookup pages them without sorting. */
    private final ConcurrentSkipListSet<Workspace> everyoneBound = new ConcurrentSkipListSet<>(BY_NAME);
    /** The size of {@link #everyoneBound} (a skip list counts by walking). */
    private volatile int everyoneBoundCount;
    /** The workspaces holding each entity, in the order they registered it, each array replaced whole on change. */
    private final ConcurrentHashMap<EntityKey, UUID[]> entities = new ConcurrentHashMap<>();

    // ---------------------------------------------------------------- changes (one thread)

    /**
     * Applies the event that is number {@code sequenceNumber} (from 0) of its workspace's stream; false when it was
     * applied before, or when the workspace is unknown (its creation never reached the index).
     */
    public boolean apply(WorkspaceEvent event, long sequenceNumber) {
        Workspace workspace = workspaces.get(event.workspaceId());
        if (event instanceof WorkspaceCreated created) {
            if (workspace != null) {
                return false;
            }
            workspace = new Workspace(created.workspaceId(), created.name());
            workspace.version = sequenceNumber + 1;
            workspaces.put(workspace.id, workspace);
            liveByName.put(workspace.name, workspace);
            return true;
        }
        if (workspace == null || sequenceNumber < workspace.version) {
            return false;
        }
        workspace.version = sequenceNumber + 1;
        if (event instanceof MemberAdded added) {
            setRole(workspace, added.principal(), added.role());
        } else if (event instanceof MemberRoleChanged changed) {
            setRole(workspace, changed.principal(), changed.newRole());
        } else if (event instanceof MemberRemoved removed) {
            removeMember(workspace, removed.principal());
        } else if (event instanceof EntityRegistered registered) {
            addHolder(registered.entityType(), registered.entityId(), workspace.id);
        } else if (event instanceof EntityUnregistered unregistered) {
            removeHolder(unregistered.entityType(), unregistered.entityId(), workspace.id);
        } else if (event instanceof WorkspaceDeleted) {
            delete(workspace);
        }
        return true;
    }

    /** Loads a workspace as a read model holds it: {@code version} events applied, live or deleted. */
    public void loadWorkspace(UUID id, String name, long version, boolean live) {
        Workspace workspace = new Workspace(id, name);
        workspace.version = version;
        workspace.live = live;
        workspaces.put(id, workspace);
        if (live) {
            liveByName.put(name, workspace);
        }
    }

    /** Loads a membership of a workspace loaded before; {@code principal} may be {@code *}. */
    public void loadMember(UUID workspaceId, String principal, Role role) {
        Workspace workspace = workspaces.get(workspaceId);
        if (workspace != null && workspace.live) {
            setRole(workspace, principal, role);
        }
    }

    /** Loads an entity of a workspace loaded before; entities are loaded in the order they were registered. */
    public void loadEntity(UUID workspaceId, String type, String id) {
        Workspace workspace = workspaces.get(workspaceId);
        if (workspace != null && workspace.live) {
            addHolder(type, id, workspaceId);
        }
    }

    private void setRole(Workspace workspace, String principal, Role role) {
        if (Principal.EVERYONE.value().equals(principal)) {
            workspace.everyone = role;
            if (everyoneBound.add(workspace)) {
                everyoneBoundCount++;
            }
            return;
        }
        Held held = byPrincipal.get(principal);
        // the principal's string as the index holds it already, so that each principal is kept once
        String shared = held == null ? principal : held.principal;
        if (workspace.members.put(shared, role) == null) {
            if (held == null) {
                byPrincipal.put(shared, new Held(shared, new Workspace[]{workspace}));
            } else {
                Workspace[] before = held.workspaces;
                int at = Arrays.binarySearch(before, workspace, BY_NAME);
                int insertAt = at >= 0 ? at : -at - 1;
                Workspace[] grown = new Workspace[before.length + 1];
                System.arraycopy(before, 0, grown, 0, insertAt);
                grown[insertAt] = workspace;
                System.arraycopy(before, insertAt, grown, insertAt + 1, before.length - insertAt);
                held.workspaces = grown;
            }
        }
    }

    private void removeMember(Workspace workspace, String principal) {
        if (Principal.EVERYONE.value().equals(principal)) {
            unbindEveryone(workspace);
            return;
        }
        if (workspace.members.remove(principal) != null) {
            dropMembership(principal, workspace);
        }
    }

    private void dropMembership(String principal, Workspace workspace) {
        Held held = byPrincipal.get(principal);
        if (held == null) {
            return;
        }
        Workspace[] before = held.workspaces;
        if (before.length == 1 && before[0] == workspace) {
            byPrincipal.remove(principal);
            return;
        }
        Workspace[] after = new Workspace[before.length - 1];
        int n = 0;
        for (Workspace each : before) {
            if (each != workspace && n < after.length) {
                after[n++] = each;
            }
        }
        if (n == after.length) {
            held.workspaces = after;
        }
    }

    private void delete(Workspace workspace) {
        workspace.live = false;
        liveByName.remove(workspace.name, workspace);
        unbindEveryone(workspace);
        for (String principal : List.copyOf(workspace.members.keySet())) {
            workspace.members.remove(principal);
            dropMembership(principal, workspace);
        }
        // a workspace is deleted only once it holds no entities; were one left, holderOf skips the deleted
    }

    private void unbindEveryone(Workspace workspace) {
        workspace.everyone = null;
        if (everyoneBound.remove(workspace)) {
            everyoneBoundCount--;
        }
    }

    private void addHolder(String type, String id, UUID workspaceId) {
        entities.compute(new EntityKey(type, id), (key, holders) -> {
            if (holders == null) {
                return new UUID[]{workspaceId};
            }
            for (UUID holder : holders) {
                if (holder.equals(workspaceId)) {
                    return holders;
                }
            }
            UUID[] grown = Arrays.copyOf(holders, holders.length + 1);
            grown[holders.length] = workspaceId;
            return grown;
        });
    }

    private void removeHolder(String type, String id, UUID workspaceId) {
        entities.computeIfPresent(new EntityKey(type, id), (key, holders) -> {
            UUID[] rest = without(holders, workspaceId);
            return rest.length == 0 ? null : rest;
        });
    }

    private static UUID[] without(UUID[] holders, UUID workspaceId) {
        int at = -1;
        for (int i = 0; i < holders.length; i++) {
            if (holders[i].equals(workspaceId)) {
                at = i;
            }
        }
        if (at < 0) {
            return holders;
        }
        UUID[] rest = new UUID[holders.length - 1];
        System.arraycopy(holders, 0, rest, 0, at);
        System.arraycopy(holders, at + 1, rest, at, holders.length - at - 1);
        return rest;
    }

    // ---------------------------------------------------------------- reads (any thread)

    /** The workspace with this id, live or deleted; null when the index does not know it. */
    public Workspace workspace(UUID id) {
        return workspaces.get(id);
    }

    /** The live workspace {@code ref} names (an id or a name); null when none does. */
    public Workspace findLive(String ref) {
        if (ref == null) {
            return null;
        }
        // names are never UUID-shaped, so one lookup is enough
        Workspace workspace = uuidShaped(ref) ? workspaces.get(UUID.fromString(ref)) : liveByName.get(ref);
        return workspace != null && workspace.live ? workspace : null;
    }

    /** As {@link WorkspaceName#looksLikeUuid}, without a regular expression: this is on every check's path. */
    static boolean uuidShaped(String ref) {
        if (ref.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = ref.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The live workspace that holds the entity; null when none does. */
    public Workspace holderOf(String type, String id) {
        UUID[] holders = entities.get(new EntityKey(type, id));
        if (holders == null) {
            return null;
        }
        for (UUID holder : holders) {
            Workspace workspace = workspaces.get(holder);
            if (workspace != null && workspace.live) {
                return workspace;
            }
        }
        return null;
    }

    /** The principal's role in the workspace (the higher of membership and {@code *}); null for none or unknown. */
    public Role roleOf(UUID workspaceId, String principal) {
        Workspace workspace = workspaces.get(workspaceId);
        return workspace == null ? null : workspace.roleOf(principal);
    }

    /**
     * May {@code principal}, holding {@code platformRoles}, do {@code action} in the live workspace {@code ref}?
     * A workspace the principal cannot read is not found, exactly like one that does not exist.
     */
    public Answer check(String principal, String ref, Action action, Set<PlatformRole> platformRoles) {
        return check(principal, findLive(ref), action, platformRoles);
    }

    /** The same for the workspace that holds the entity. */
    public Answer checkEntity(String principal, String type, String id, Action action,
                              Set<PlatformRole> platformRoles) {
        return check(principal, holderOf(type, id), action, platformRoles);
    }

    private static Answer check(String principal, Workspace workspace, Action action,
                                Set<PlatformRole> platformRoles) {
        if (workspace == null || Principal.EVERYONE.value().equals(principal)) {
            return Answer.NOT_FOUND;
        }
        Decision decision = Permissions.decide(action, workspace.roleOf(principal), platformRoles);
        return decision.notFound() ? Answer.NOT_FOUND : new Answer(decision, workspace.id);
    }

    /**
     * The live workspaces where {@code principal} holds a role directly or, with {@code includeEveryone}, through a
     * {@code *} binding; sorted by name, then id.
     */
    public List<Grant> grantsOf(String principal, boolean includeEveryone) {
        return grants(principal, includeEveryone, false, 0, Integer.MAX_VALUE).grants();
    }

    /**
     * The {@code limit} grants after the first {@code offset} of {@link #grantsOf} (in descending order when asked),
     * and the number of all of them. The principal's own workspaces and the {@code *}-bound ones are each kept
     * sorted, so a page costs the principal's memberships plus the offset and the page, not every {@code *}-bound
     * workspace.
     */
    public GrantPage grants(String principal, boolean includeEveryone, boolean descending, long offset, int limit) {
        Held held = byPrincipal.get(principal);
        Workspace[] own = held == null ? NONE : held.workspaces;
        long total = own.length;
        if (includeEveryone) {
            total += everyoneBoundCount;
            for (Workspace workspace : own) {
                if (workspace.everyone != null) {
                    total--;
                }
            }
        }
        Iterator<Workspace> bound = !includeEveryone ? Collections.emptyIterator()
                : descending ? everyoneBound.descendingIterator() : everyoneBound.iterator();
        List<Grant> page = new ArrayList<>((int) Math.min(limit, Math.max(0, total - offset)));
        int next = descending ? own.length - 1 : 0;
        int step = descending ? -1 : 1;
        Workspace nextBound = bound.hasNext() ? bound.next() : null;
        long skipped = 0;
        while (page.size() < limit) {
            Workspace nextOwn = next >= 0 && next < own.length ? own[next] : null;
            Workspace workspace;
            if (nextOwn == null && nextBound == null) {
                break;
            } else if (nextBound == null || nextOwn != null && compare(nextOwn, nextBound, descending) <= 0) {
                workspace = nextOwn;
                next += step;
                if (nextBound == nextOwn) {
                    nextBound = bound.hasNext() ? bound.next() : null;
                }
            } else {
                workspace = nextBound;
                nextBound = bound.hasNext() ? bound.next() : null;
            }
            Grant grant = grantIn(workspace, principal, includeEveryone);
            if (grant != null && skipped++ >= offset) {
                page.add(grant);
            }
        }
        return new GrantPage(page, total);
    }

    private static int compare(Workspace a, Workspace b, boolean descending) {
        int order = BY_NAME.compare(a, b);
        return descending ? -order : order;
    }

    private static Grant grantIn(Workspace workspace, String principal, boolean includeEveryone) {
        if (!workspace.live) {
            return null;
        }
        Role member = workspace.members.get(principal);
        Role everyone = includeEveryone ? workspace.everyone : null;
        return member != null || everyone != null
                ? new Grant(workspace.id, workspace.name, member, everyone) : null;
    }

    /** Workspaces known (live and deleted). */
    public int workspaceCount() {
        return workspaces.size();
    }

    /** Direct memberships held in live workspaces. */
    public long membershipCount() {
        long count = 0;
        for (Held held : byPrincipal.values()) {
            count += held.workspaces.length;
        }
        return count;
    }
}
