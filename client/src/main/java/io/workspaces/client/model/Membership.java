package io.workspaces.client.model;

import java.util.UUID;

/** The answer to a membership write: who now holds which role in which workspace. */
public record Membership(UUID workspaceId, String principal, String role) {
}
