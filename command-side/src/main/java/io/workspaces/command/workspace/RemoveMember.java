package io.workspaces.command.workspace;

import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

@Requires(value = Role.ADMIN, to = "remove members")
public record RemoveMember(@TargetAggregateIdentifier UUID workspaceId, Principal principal, Long expectedVersion)
        implements WorkspaceChange {
}
