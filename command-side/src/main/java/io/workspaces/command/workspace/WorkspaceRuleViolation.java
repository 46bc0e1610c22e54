package io.workspaces.command.workspace;

/**
 * A command that the workspace's rules refuse. Each subclass is one rule; the REST layer maps it to a status.
 * No stack trace is filled: these are answers, not failures.
 */
public abstract class WorkspaceRuleViolation extends RuntimeException {

    protected WorkspaceRuleViolation(String message) {
        super(message, null, false, false);
    }
}
