package io.workspaces.command.membership;

import io.workspaces.command.workspace.WorkspaceRuleViolation;

public class LastAdminException extends WorkspaceRuleViolation {
    public LastAdminException(String principal) {
        super("'" + principal + "' is the last admin; make someone else admin first");
    }
}
