package io.workspaces.client.model;

import java.util.UUID;

/**
 * The answer to one access check: allowed or not, the principal's effective role (null: none), the workspace it was
 * decided in, and why not ({@code "not found"} for an unknown workspace or entity, e.g. {@code "needs editor"}).
 */
public record AccessDecision(boolean allowed, String role, UUID workspaceId, String reason) {
}
