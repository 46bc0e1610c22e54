package io.workspaces.command.workspace;

import io.workspaces.events.Description;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** End a workspace; {@code reason} (possibly empty) is kept in its history. */
@Requires(value = Role.ADMIN, to = "delete the workspace")
record DeleteWorkspace(@TargetAggregateIdentifier UUID workspaceId, Description reason, Long expectedVersion)
        implements WorkspaceChange {
}
