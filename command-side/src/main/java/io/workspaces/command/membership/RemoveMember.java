package io.workspaces.command.membership;

import io.workspaces.events.Principal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RemoveMember(@TargetAggregateIdentifier UUID workspaceId, Principal principal, Long expectedVersion) {
}
