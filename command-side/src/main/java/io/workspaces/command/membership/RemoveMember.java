package io.workspaces.command.membership;

import io.workspaces.command.workspace.WorkspaceChange;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RemoveMember(@TargetAggregateIdentifier UUID workspaceId, Principal principal, Long expectedVersion)
        implements WorkspaceChange {

    @Override
    public Role needs() {
        return Role.ADMIN;
    }

    @Override
    public String does() {
        return "remove members";
    }
}
