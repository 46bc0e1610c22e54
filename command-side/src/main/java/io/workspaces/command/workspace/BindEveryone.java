package io.workspaces.command.workspace;

import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Give the {@code *} binding {@code role} unless the workspace already has one: the service's own start-up step
 * for the built-in workspaces, which must never undo a role an admin chose since.
 */
@Requires(value = Role.ADMIN, to = "bind everyone")
record BindEveryone(@TargetAggregateIdentifier UUID workspaceId, Role role) implements WorkspaceChange {

    @Override
    public Long expectedVersion() {
        return null;
    }
}
