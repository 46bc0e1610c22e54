package io.workspaces.access;

import io.workspaces.events.EntityRegistered;
import io.workspaces.events.EntityUnregistered;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.MemberRemoved;
import io.workspaces.events.MemberRoleChanged;
import io.workspaces.events.PlatformRole;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceCreated;
import io.workspaces.events.WorkspaceDeleted;
import io.workspaces.events.WorkspaceEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index against a plain fold of the same events: after any sequence of events a workspace can produce, and
 * after a load from a snapshot followed by a replay from an earlier position, both give the same answers.
 */
class AccessIndexPropertyTest {

    private static final List<String> NAMES = List.of("alpha", "beta", "gamma");
    private static final List<String> PRINCIPALS = List.of("ann", "bob", "cy", "*");
    private static final List<String> ENTITIES = List.of("d-1", "d-2", "m-1");
    private static final List<Set<PlatformRole>> PLATFORM_ROLES = List.of(Set.of(), Set.of(PlatformRole.AUDITOR),
            Set.of(PlatformRole.PLATFORM_ADMIN), Set.of(PlatformRole.ACCESS_CHECKER));

    @Property(tries = 300)
    void followingTheStreamAgreesWithTheFold(@ForAll("operations") List<int[]> operations) {
        List<Positioned> events = simulate(operations);
        AccessIndex index = new AccessIndex();
        Fold fold = new Fold();
        for (Positioned event : events) {
            index.apply(event.event(), event.sequenceNumber());
            fold.apply(event.event());
        }
        assertAgree(index, fold);
    }

    @Property(tries = 300)
    void aSnapshotAheadOfTheReplayPositionAgreesWithTheFold(@ForAll("operations") List<int[]> operations,
                                                            @ForAll @IntRange(max = 1000) int snapshotAt,
                                                            @ForAll @IntRange(max = 1000) int replayFrom) {
        List<Positioned> events = simulate(operations);
        int snapshot = events.isEmpty() ? 0 : snapshotAt % (events.size() + 1);
        int replay = snapshot == 0 ? 0 : replayFrom % (snapshot + 1);
        Fold atSnapshot = new Fold();
        events.subList(0, snapshot).forEach(event -> atSnapshot.apply(event.event()));
        AccessIndex index = new AccessIndex();
        atSnapshot.loadInto(index);
        for (Positioned event : events.subList(replay, events.size())) {
            index.apply(event.event(), event.sequenceNumber());
        }
        Fold whole = new Fold();
        events.forEach(event -> whole.apply(event.event()));
        assertAgree(index, whole);
    }

    @Provide
    Arbitrary<List<int[]>> operations() {
        return Arbitraries.integers().between(0, 1000).array(int[].class).ofSize(4).list().ofMaxSize(60);
    }

    private static void assertAgree(AccessIndex index, Fold fold) {
        List<String> refs = new ArrayList<>(NAMES);
        fold.workspaces.keySet().forEach(id -> refs.add(id.toString()));
        refs.add(UUID.randomUUID().toString());
        for (String ref : refs) {
            AccessIndex.Workspace found = index.findLive(ref);
            UUID expected = fold.findLive(ref);
            assertThat(found == null ? null : found.id()).as("workspace %s", ref).isEqualTo(expected);
            for (String principal : PRINCIPALS) {
                for (Action action : Action.values()) {
                    for (Set<PlatformRole> roles : PLATFORM_ROLES) {
                        assertThat(index.check(principal, ref, action, roles))
                                .as("%s %s %s %s", principal, action, ref, roles)
                                .isEqualTo(fold.check(principal, expected, action, roles));
                    }
                }
            }
        }
        for (String entity : ENTITIES) {
            AccessIndex.Workspace holder = index.holderOf("dataset", entity);
            assertThat(holder == null ? null : holder.id()).as("holder of %s", entity).isEqualTo(fold.holderOf(entity));
        }
        for (String principal : PRINCIPALS) {
            if (principal.equals("*")) {
                continue;
            }
            for (boolean includeEveryone : List.of(true, false)) {
                List<AccessIndex.Grant> expected = fold.grantsOf(principal, includeEveryone);
                assertThat(index.grantsOf(principal, includeEveryone)).as("grants of %s", principal)
                        .isEqualTo(expected);
                assertPagesAgree(index, principal, includeEveryone, expected);
            }
        }
    }

    /** Every page (sizes 1-3, both directions) is the matching slice of the fold's sorted grants. */
    private static void assertPagesAgree(AccessIndex index, String principal, boolean includeEveryone,
                                         List<AccessIndex.Grant> expected) {
        List<AccessIndex.Grant> descending = new ArrayList<>(expected);
        Collections.reverse(descending);
        for (boolean reversed : List.of(false, true)) {
            List<AccessIndex.Grant> all = reversed ? descending : expected;
            for (int size = 1; size <= 3; size++) {
                for (int offset = 0; offset <= all.size() + 1; offset += size) {
                    AccessIndex.GrantPage page = index.grants(principal, includeEveryone, reversed, offset, size);
                    assertThat(page.total()).as("total of %s", principal).isEqualTo(all.size());
                    assertThat(page.grants()).as("page of %s at %d, size %d, %s", principal, offset, size,
                                    reversed ? "descending" : "ascending")
                            .isEqualTo(all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size())));
                }
            }
        }
    }

    private record Positioned(WorkspaceEvent event, long sequenceNumber) {
    }

    /** Turns operations into the events a workspace would produce, following the aggregate's rules. */
    private static List<Positioned> simulate(List<int[]> operations) {
        Fold state = new Fold();
        List<Positioned> events = new ArrayList<>();
        long[] ids = {0};
        for (int[] op : operations) {
            List<UUID> live = state.workspaces.entrySet().stream().filter(e -> e.getValue().live)
                    .map(Map.Entry::getKey).toList();
            UUID target = live.isEmpty() ? null : live.get(op[1] % live.size());
            String principal = PRINCIPALS.get(op[2] % PRINCIPALS.size());
            Role role = Role.values()[op[3] % Role.values().length];
            String entity = ENTITIES.get(op[3] % ENTITIES.size());
            List<WorkspaceEvent> emitted = new ArrayList<>();
            switch (op[0] % 7) {
                case 0 -> {
                    String name = NAMES.get(op[1] % NAMES.size());
                    if (state.findLive(name) == null) {
                        UUID id = new UUID(0, ++ids[0]);
                        emitted.add(new WorkspaceCreated(id, name, "", false));
                        emitted.add(new MemberAdded(id, principal.equals("*") ? "ann" : principal, Role.ADMIN));
                    }
                }
                case 1 -> {
                    if (target != null && !state.workspaces.get(target).members.containsKey(principal)) {
                        emitted.add(new MemberAdded(target, principal, role));
                    }
                }
                case 2 -> {
                    Role held = target == null ? null : state.workspaces.get(target).members.get(principal);
                    if (held != null && held != role) {
                        emitted.add(new MemberRoleChanged(target, principal, held, role));
                    }
                }
                case 3 -> {
                    Role held = target == null ? null : state.workspaces.get(target).members.get(principal);
                    if (held != null) {
                        emitted.add(new MemberRemoved(target, principal, held));
                    }
                }
                case 4, 5 -> {
                    if (target != null) {
                        boolean holds = state.registrations.contains(new Registration(entity, target));
                        if (op[0] % 7 == 4 && !holds) {
                            emitted.add(new EntityRegistered(target, "dataset", entity));
                        } else if (op[0] % 7 == 5 && holds) {
                            emitted.add(new EntityUnregistered(target, "dataset", entity));
                        }
                    }
                }
                default -> {
                    if (target != null && state.registrations.stream().noneMatch(r -> r.workspace().equals(target))) {
                        emitted.add(new WorkspaceDeleted(target, state.workspaces.get(target).name, ""));
                    }
                }
            }
            for (WorkspaceEvent event : emitted) {
                long sequence = state.workspaces.containsKey(event.workspaceId())
                        ? state.workspaces.get(event.workspaceId()).version : 0;
                events.add(new Positioned(event, sequence));
                state.apply(event);
            }
        }
        return events;
    }

    private record Registration(String entity, UUID workspace) {
    }

    /** The plain fold: the state the events describe, and the answers that follow from it by the rules. */
    private static final class Fold {

        static final class W {
            final String name;
            boolean live = true;
            long version;
            final Map<String, Role> members = new LinkedHashMap<>();

            W(String name) {
                this.name = name;
            }
        }

        final Map<UUID, W> workspaces = new LinkedHashMap<>();
        final List<Registration> registrations = new ArrayList<>();

        void apply(WorkspaceEvent event) {
            if (event instanceof WorkspaceCreated created) {
                workspaces.put(created.workspaceId(), new W(created.name()));
            }
            W w = workspaces.get(event.workspaceId());
            w.version++;
            if (event instanceof MemberAdded added) {
                w.members.put(added.principal(), added.role());
            } else if (event instanceof MemberRoleChanged changed) {
                w.members.put(changed.principal(), changed.newRole());
            } else if (event instanceof MemberRemoved removed) {
                w.members.remove(removed.principal());
            } else if (event instanceof EntityRegistered registered) {
                registrations.add(new Registration(registered.entityId(), registered.workspaceId()));
            } else if (event instanceof EntityUnregistered unregistered) {
                registrations.remove(new Registration(unregistered.entityId(), unregistered.workspaceId()));
            } else if (event instanceof WorkspaceDeleted) {
                w.live = false;
                w.members.clear();
            }
        }

        UUID findLive(String ref) {
            return workspaces.entrySet().stream()
                    .filter(e -> e.getValue().live && (e.getKey().toString().equals(ref) || e.getValue().name.equals(ref)))
                    .map(Map.Entry::getKey).reduce((first, second) -> second).orElse(null);
        }

        UUID holderOf(String entity) {
            return registrations.stream().filter(r -> r.entity().equals(entity) && workspaces.get(r.workspace()).live)
                    .map(Registration::workspace).findFirst().orElse(null);
        }

        Role roleOf(UUID id, String principal) {
            W w = workspaces.get(id);
            return Stream.of(w.members.get(principal), w.members.get("*")).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
        }

        AccessIndex.Answer check(String principal, UUID id, Action action, Set<PlatformRole> roles) {
            if (id == null || principal.equals("*")) {
                return AccessIndex.Answer.NOT_FOUND;
            }
            Role role = roleOf(id, principal);
            boolean admin = roles.contains(PlatformRole.PLATFORM_ADMIN);
            boolean auditor = roles.contains(PlatformRole.AUDITOR);
            if (role == null && !admin && !auditor) {
                return AccessIndex.Answer.NOT_FOUND;
            }
            Role needed = switch (action) {
                case READ -> Role.VIEWER;
                case WRITE -> Role.EDITOR;
                default -> Role.ADMIN;
            };
            boolean allowed = admin || (role != null && role.atLeast(needed))
                    || (auditor && (action == Action.READ || action == Action.READ_HISTORY));
            String reason = allowed ? null : role == null ? "auditors only read" : "needs " + needed;
            return new AccessIndex.Answer(new Decision(allowed, role, reason), id);
        }

        List<AccessIndex.Grant> grantsOf(String principal, boolean includeEveryone) {
            List<AccessIndex.Grant> grants = new ArrayList<>();
            workspaces.forEach((id, w) -> {
                Role member = w.members.get(principal);
                Role everyone = includeEveryone ? w.members.get("*") : null;
                if (w.live && (member != null || everyone != null)) {
                    grants.add(new AccessIndex.Grant(id, w.name, member, everyone));
                }
            });
            grants.sort(Comparator.comparing(AccessIndex.Grant::workspaceName)
                    .thenComparing(grant -> grant.workspaceId().toString()));
            return grants;
        }

        /** Loads the index as the loader does from the read-model tables. */
        void loadInto(AccessIndex index) {
            workspaces.forEach((id, w) -> index.loadWorkspace(id, w.name, w.version, w.live));
            workspaces.forEach((id, w) -> w.members.forEach((principal, role) -> index.loadMember(id, principal, role)));
            registrations.forEach(r -> index.loadEntity(r.workspace(), "dataset", r.entity()));
        }
    }

}
