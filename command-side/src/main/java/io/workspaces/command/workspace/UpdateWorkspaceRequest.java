package io.workspaces.command.workspace;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code PATCH /v1/workspaces/{ref}}. {@code name} is accepted by the parser only to answer a
 * clear "names are immutable" instead of a generic unknown-field error.
 */
record UpdateWorkspaceRequest(
        @Schema(description = "refused: names are immutable", deprecated = true) String name,
        @Schema(description = "the new description, at most 1000 characters", example = "ML team",
                requiredMode = Schema.RequiredMode.REQUIRED) String description) {
}
