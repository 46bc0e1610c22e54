package io.workspaces.command.workspace;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record DeleteWorkspace(@TargetAggregateIdentifier UUID workspaceId, Long expectedVersion) {
}
