package io.workspaces.command.workspace;

public class WorkspaceNotFoundException extends WorkspaceRuleViolation {
    public WorkspaceNotFoundException(String ref) {
        super("no live workspace '" + ref + "'");
    }
}
