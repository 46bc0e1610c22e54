package io.workspaces.command.membership;

import io.workspaces.command.workspace.CommandResult;
import io.workspaces.command.workspace.WorkspaceView;

/** The answer to {@link GrantRole}: the workspace, and whether the principal became a member by it. */
public record RoleGranted(WorkspaceView workspace, boolean added) implements CommandResult {
}
