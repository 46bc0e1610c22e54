package io.workspaces.command.workspace;


/** The answer to {@link GrantRole}: the workspace, and whether the principal became a member by it. */
public record RoleGranted(WorkspaceView workspace, boolean added) implements CommandResult {
}
