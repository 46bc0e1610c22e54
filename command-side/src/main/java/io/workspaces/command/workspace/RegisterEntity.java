package io.workspaces.command.workspace;

import io.workspaces.events.EntityRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record RegisterEntity(@TargetAggregateIdentifier UUID workspaceId, EntityRef entity, Long expectedVersion) {
}
