package io.workspaces.command.workspace;

import io.workspaces.events.Description;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Replace the description; {@code expectedVersion} (nullable) makes the change conditional (If-Match). */
@Requires(value = Role.EDITOR, to = "change the description")
record UpdateDescription(@TargetAggregateIdentifier UUID workspaceId, Description description,
                                Long expectedVersion) implements WorkspaceChange {
}
