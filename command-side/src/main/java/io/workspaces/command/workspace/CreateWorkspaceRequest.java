package io.workspaces.command.workspace;

/** Body of {@code POST /v1/workspaces}. */
public record CreateWorkspaceRequest(String name, String description) {
}
