package io.workspaces.command.membership;

import io.workspaces.command.workspace.Requires;
import io.workspaces.command.workspace.WorkspaceChange;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

@Requires(value = Role.ADMIN, to = "remove members")
public record RemoveMember(@TargetAggregateIdentifier UUID workspaceId, Principal principal, Long expectedVersion)
        implements WorkspaceChange {
}
