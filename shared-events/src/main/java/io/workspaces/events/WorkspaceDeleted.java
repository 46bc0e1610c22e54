package io.workspaces.events;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * The workspace ended. Its name is free again; its history stays.
 *
 * <p>Revision 2 added {@code reason}, why it was deleted (empty when none was given). Revision-1 events,
 * stored before, are upcast on read with an empty reason; they are never rewritten.
 */
@Revision("2")
public record WorkspaceDeleted(UUID workspaceId, String name, String reason) implements WorkspaceEvent {
}
