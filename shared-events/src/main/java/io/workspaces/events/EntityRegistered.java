package io.workspaces.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record EntityRegistered(UUID workspaceId, String entityType, String entityId) implements WorkspaceEvent {
}
