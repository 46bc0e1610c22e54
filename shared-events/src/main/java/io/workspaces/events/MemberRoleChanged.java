package io.workspaces.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record MemberRoleChanged(UUID workspaceId, String principal, Role oldRole, Role newRole)
        implements WorkspaceEvent {
}
