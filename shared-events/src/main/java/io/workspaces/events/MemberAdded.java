package io.workspaces.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** {@code principal} became a member with {@code role}; the granting actor is in the event's metadata. */
@Revision("1")
public record MemberAdded(UUID workspaceId, String principal, Role role) implements WorkspaceEvent {
}
