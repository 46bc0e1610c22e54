package io.workspaces.command.workspace;

import java.util.UUID;

/**
 * A command on an existing workspace, annotated with what it {@link Requires}. The aggregate checks, in one place
 * and before any handler runs, that the caller holds that role and that the workspace is at
 * {@link #expectedVersion()} when one is given.
 */
public interface WorkspaceChange {

    UUID workspaceId();

    /** The version If-Match requires, or {@code null} for an unconditional change. */
    Long expectedVersion();
}
