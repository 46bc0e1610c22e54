package io.workspaces.command.workspace;

/** The caller can see the workspace but may not do this to it; answered 403. */
public class ForbiddenException extends WorkspaceRuleViolation {
    public ForbiddenException(String message) {
        super(message);
    }
}
