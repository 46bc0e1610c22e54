package io.workspaces.command.workspace;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code POST /v1/workspaces}. */
record CreateWorkspaceRequest(
        @Schema(description = "an RFC 1035 label, not a UUID; unique among live workspaces", example = "ml-team",
                requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 63) String name,
        @Schema(description = "at most 1000 characters", example = "Models and datasets of the ML team",
                maxLength = 1000) String description) {
}
