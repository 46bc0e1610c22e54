package io.workspaces.access;

import io.workspaces.events.Role;

/**
 * The answer to one access check, without the workspace it is about: whether the action is allowed, the role the
 * principal holds there (null for none), and why not when it is refused. Every decision is one of a fixed set,
 * allocated once ({@link Permissions#decide}), so that answering a check allocates nothing.
 */
public record Decision(boolean allowed, Role role, String reason) {

    /** Unknown workspace or entity, or one the principal holds no role in: told apart from nothing. */
    public static final Decision NOT_FOUND = new Decision(false, null, "not found");

    public boolean notFound() {
        return this == NOT_FOUND;
    }
}
