package io.workspaces.command.workspace;

public class BuiltInWorkspaceException extends WorkspaceRuleViolation {
    public BuiltInWorkspaceException(String name) {
        super("workspace '" + name + "' is built in and cannot be deleted");
    }
}
