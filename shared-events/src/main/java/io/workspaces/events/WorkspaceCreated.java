package io.workspaces.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A workspace came to life. The creator's admin membership follows as a {@link MemberAdded} event. */
@Revision("1")
public record WorkspaceCreated(UUID workspaceId, String name, String description, boolean builtIn)
        implements WorkspaceEvent {
}
