package io.workspaces.command.workspace;

import io.workspaces.events.Description;
import io.workspaces.events.Principal;
import io.workspaces.events.WorkspaceName;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Create a workspace; {@code creator} becomes its first admin. The id is chosen by the caller (a new UUID). */
record CreateWorkspace(@TargetAggregateIdentifier UUID workspaceId, WorkspaceName name,
                              Description description, Principal creator, boolean builtIn) {
}
