package io.workspaces.query.membership;

import java.util.UUID;

/**
 * A principal's role in one workspace (the role lookup): {@code role} is the effective one, the higher
 * of {@code memberRole} (a direct membership) and {@code everyoneRole} (the workspace's {@code *} binding).
 */
record RoleGrant(WorkspaceRef workspace, String role, String memberRole, String everyoneRole) {

    public record WorkspaceRef(UUID id, String name) {
    }
}
