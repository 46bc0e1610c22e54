package io.workspaces.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record WorkspaceDescriptionUpdated(UUID workspaceId, String oldDescription, String newDescription)
        implements WorkspaceEvent {
}
