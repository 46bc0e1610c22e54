package io.workspaces.client.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A workspace as both sides answer it; {@code version} is the value of its ETag (the If-Match of a later write). */
public record Workspace(UUID id, String name, String description, Instant createdAt, String createdBy,
                        Instant updatedAt, String updatedBy, long version, int memberCount,
                        Map<String, Integer> entityCounts) {
}
