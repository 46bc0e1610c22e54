package io.workspaces.command.workspace;

public class NameTakenException extends WorkspaceRuleViolation {
    public NameTakenException(String name) {
        super("a live workspace named '" + name + "' already exists");
    }
}
