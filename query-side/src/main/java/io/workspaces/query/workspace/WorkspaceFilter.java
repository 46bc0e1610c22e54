package io.workspaces.query.workspace;

import io.workspaces.events.Role;

/**
 * Filters of the workspace list: names starting with {@code namePrefix}; workspaces where
 * {@code member} is a direct member, with exactly {@code role} when given. Null means "no filter".
 */
public record WorkspaceFilter(String namePrefix, String member, Role role) {
}
