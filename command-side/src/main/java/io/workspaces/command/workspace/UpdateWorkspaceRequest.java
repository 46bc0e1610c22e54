package io.workspaces.command.workspace;

/**
 * Body of {@code PATCH /v1/workspaces/{ref}}. {@code name} is accepted by the parser only to answer a
 * clear "names are immutable" instead of a generic unknown-field error.
 */
public record UpdateWorkspaceRequest(String name, String description) {
}
