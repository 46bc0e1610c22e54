package io.workspaces.events;

import java.util.UUID;

/**
 * Everything that can happen to one workspace: the events of the workspace stream, one record each.
 *
 * <p>Events are stored forever. Fields hold plain data (strings, UUIDs, the {@link Role} enum) rather than
 * the validating value types, so a stored event always reads back even if input rules tighten later.
 * Who acted and when travel in the event's metadata and the store's timestamp, not in the payload.
 * Changing a field's meaning needs a new {@code @Revision} and an upcaster, never an edit in place.
 */
public sealed interface WorkspaceEvent
        permits WorkspaceCreated, WorkspaceDescriptionUpdated, MemberAdded, MemberRoleChanged, MemberRemoved,
        EntityRegistered, EntityUnregistered, WorkspaceDeleted {

    UUID workspaceId();
}
