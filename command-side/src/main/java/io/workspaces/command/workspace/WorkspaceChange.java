package io.workspaces.command.workspace;

import io.workspaces.events.Role;

import java.util.UUID;

/**
 * A command on an existing workspace. The aggregate checks, in one place and before any handler runs, that the
 * caller holds {@link #needs()} and that the workspace is at {@link #expectedVersion()} when one is given.
 */
public interface WorkspaceChange {

    UUID workspaceId();

    /** The version If-Match requires, or {@code null} for an unconditional change. */
    Long expectedVersion();

    /** The lowest workspace role that may make this change. */
    Role needs();

    /** What the change does, as a refusal names it: "to {does} you need the ... role". */
    String does();
}
