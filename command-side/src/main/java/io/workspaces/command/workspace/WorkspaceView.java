package io.workspaces.command.workspace;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The workspace as the command side answers a write (the workspace body of docs/api.md). {@code version} counts the events
 * of the workspace's stream; it is the value of the {@code ETag}.
 */
record WorkspaceView(UUID id, String name, String description, Instant createdAt, String createdBy,
                            Instant updatedAt, String updatedBy, long version, int memberCount,
                            Map<String, Integer> entityCounts) implements CommandResult {

    @Override
    @JsonIgnore
    public WorkspaceView workspace() {
        return this;
    }
}
