package io.workspaces.command.membership;

import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record AddMember(@TargetAggregateIdentifier UUID workspaceId, Principal principal, Role role,
                        Long expectedVersion) {
}
