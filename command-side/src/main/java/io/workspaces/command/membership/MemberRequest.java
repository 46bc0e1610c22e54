package io.workspaces.command.membership;

import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code PUT /v1/workspaces/{ref}/members/{principal}}. */
record MemberRequest(
        @Schema(description = "the role to hold", allowableValues = {"viewer", "editor", "admin"}, example = "editor",
                requiredMode = Schema.RequiredMode.REQUIRED) String role) {
}
