package io.workspaces.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** The workspace ended. Its name is free again; its history stays. */
@Revision("1")
public record WorkspaceDeleted(UUID workspaceId, String name) implements WorkspaceEvent {
}
