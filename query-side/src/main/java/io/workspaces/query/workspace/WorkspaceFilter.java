package io.workspaces.query.workspace;

import io.workspaces.events.Role;

/**
 * Filters of the workspace list: names starting with {@code namePrefix}; workspaces where
 * {@code member} is a direct member, with exactly {@code role} when given; workspaces where the caller's
 * effective role (the higher of their own membership and the {@code *} binding) is exactly {@code callerRole}.
 * Null means "no filter".
 */
record WorkspaceFilter(String namePrefix, String member, Role role, Role callerRole) {
}
