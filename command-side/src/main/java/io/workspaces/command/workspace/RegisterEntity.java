package io.workspaces.command.workspace;

import io.workspaces.events.EntityRef;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

@Requires(value = Role.EDITOR, to = "register entities")
record RegisterEntity(@TargetAggregateIdentifier UUID workspaceId, EntityRef entity, Long expectedVersion)
        implements WorkspaceChange {
}
