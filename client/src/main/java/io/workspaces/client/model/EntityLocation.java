package io.workspaces.client.model;

import java.util.UUID;

/** Where an entity is registered ({@code GET /v1/entities/{type}/{id}}): its workspace's id and name. */
public record EntityLocation(String type, String id, UUID workspaceId, String workspaceName) {
}
