package io.workspaces.command.workspace;

import io.workspaces.events.EntityRef;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record UnregisterEntity(@TargetAggregateIdentifier UUID workspaceId, EntityRef entity, Long expectedVersion)
        implements WorkspaceChange {

    @Override
    public Role needs() {
        return Role.EDITOR;
    }

    @Override
    public String does() {
        return "unregister entities";
    }
}
