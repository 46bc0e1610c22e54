package io.workspaces.command.workspace;

import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Make {@code principal} hold {@code role}: adds them when they are not a member, else changes their role. */
@Requires(value = Role.ADMIN, to = "grant roles")
public record GrantRole(@TargetAggregateIdentifier UUID workspaceId, Principal principal, Role role,
                        Long expectedVersion) implements WorkspaceChange {
}
