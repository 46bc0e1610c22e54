package io.workspaces.command.workspace;

/** What a workspace command handler answers: at least the workspace as the change left it. */
interface CommandResult {

    WorkspaceView workspace();
}
