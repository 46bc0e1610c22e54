package io.workspaces.client.model;

/**
 * Which workspaces to list (every field optional): names starting with {@code namePrefix}; those where
 * {@code member} is a direct member; with {@code role}, that member's (or without member, the caller's) exact role;
 * the order ({@code -created_at} by default; {@code created_at}, {@code name}, {@code -name}, {@code updated_at},
 * {@code -updated_at}).
 */
public record WorkspaceFilter(String namePrefix, String member, String role, String sort) {

    public static WorkspaceFilter all() {
        return new WorkspaceFilter(null, null, null, null);
    }

    public WorkspaceFilter namePrefix(String value) {
        return new WorkspaceFilter(value, member, role, sort);
    }

    public WorkspaceFilter member(String value) {
        return new WorkspaceFilter(namePrefix, value, role, sort);
    }

    public WorkspaceFilter role(String value) {
        return new WorkspaceFilter(namePrefix, member, value, sort);
    }

    public WorkspaceFilter sort(String value) {
        return new WorkspaceFilter(namePrefix, member, role, value);
    }
}
