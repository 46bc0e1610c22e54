package io.workspaces.query.body;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The workspace as every read returns it (the workspace body of docs/api.md); {@code version} is the value of its ETag. */
public record WorkspaceBody(UUID id, String name, String description, Instant createdAt, String createdBy,
                            Instant updatedAt, String updatedBy, long version, int memberCount,
                            Map<String, Integer> entityCounts) {
}
