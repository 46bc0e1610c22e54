package io.workspaces.query.asof;

import io.workspaces.events.EntityRegistered;
import io.workspaces.events.EntityUnregistered;
import io.workspaces.events.MemberAdded;
import io.workspaces.events.MemberRemoved;
import io.workspaces.events.MemberRoleChanged;
import io.workspaces.events.WorkspaceCreated;
import io.workspaces.events.WorkspaceDeleted;
import io.workspaces.events.WorkspaceDescriptionUpdated;
import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.body.MemberBody;
import io.workspaces.query.body.WorkspaceBody;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workspace as its events left it at some instant: the as-of reconstruction (docs/compliance.md). {@link #evolve} is a pure
 * function of the previous state and one event; folding a workspace's events from {@link #NONE} gives the
 * state after the last of them, the same that the live read models show.
 */
public record WorkspaceSnapshot(WorkspaceBody workspace, Map<String, MemberBody> members,
                                Map<String, Integer> entityCounts, boolean deleted) {

    public static final WorkspaceSnapshot NONE = new WorkspaceSnapshot(null, Map.of(), Map.of(), false);

    /** The state after {@code event}, which {@code actor} caused at {@code at}. */
    public WorkspaceSnapshot evolve(WorkspaceEvent event, Instant at, String actor) {
        if (event instanceof WorkspaceCreated created) {
            WorkspaceBody body = new WorkspaceBody(created.workspaceId(), created.name(), created.description(), at,
                    actor, at, actor, 1, 0, Map.of());
            return new WorkspaceSnapshot(body, Map.of(), Map.of(), false);
        }
        Map<String, MemberBody> newMembers = new TreeMap<>(members);
        Map<String, Integer> newCounts = new TreeMap<>(entityCounts);
        String description = workspace.description();
        boolean nowDeleted = deleted;
        if (event instanceof WorkspaceDescriptionUpdated updated) {
            description = updated.newDescription();
        } else if (event instanceof MemberAdded added) {
            newMembers.put(added.principal(), new MemberBody(added.principal(), added.role().wireName(), at, actor));
        } else if (event instanceof MemberRoleChanged changed) {
            newMembers.put(changed.principal(), new MemberBody(changed.principal(), changed.newRole().wireName(), at, actor));
        } else if (event instanceof MemberRemoved removed) {
            newMembers.remove(removed.principal());
        } else if (event instanceof EntityRegistered registered) {
            newCounts.merge(registered.entityType(), 1, Integer::sum);
        } else if (event instanceof EntityUnregistered unregistered) {
            newCounts.computeIfPresent(unregistered.entityType(), (type, count) -> count == 1 ? null : count - 1);
        } else if (event instanceof WorkspaceDeleted) {
            nowDeleted = true;
        }
        WorkspaceBody body = new WorkspaceBody(workspace.id(), workspace.name(), description, workspace.createdAt(),
                workspace.createdBy(), at, actor, workspace.version() + 1, newMembers.size(),
                Collections.unmodifiableMap(newCounts));
        return new WorkspaceSnapshot(body, Collections.unmodifiableMap(newMembers),
                Collections.unmodifiableMap(newCounts), nowDeleted);
    }

    public boolean exists() {
        return workspace != null && !deleted;
    }

    public List<MemberBody> memberList() {
        return List.copyOf(members.values());
    }
}
