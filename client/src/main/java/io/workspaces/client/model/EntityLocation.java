package io.workspaces.client.model;

import java.util.UUID;

/**
 * Where an entity is registered ({@code GET /v1/entities/{type}/{id}}): its workspace's id and name, and the caller's
 * role there (null for none, e.g. for an auditor).
 */
public record EntityLocation(String type, String id, UUID workspaceId, String workspaceName, String role) {
}
