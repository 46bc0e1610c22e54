package io.workspaces.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** {@code principal} stopped being a member; {@code role} is the role they held until then. */
@Revision("1")
public record MemberRemoved(UUID workspaceId, String principal, Role role) implements WorkspaceEvent {
}
