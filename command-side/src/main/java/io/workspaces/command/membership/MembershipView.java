package io.workspaces.command.membership;

import java.util.UUID;

/** Answer to a membership write: who now holds which role in which workspace. */
record MembershipView(UUID workspaceId, String principal, String role) {
}
