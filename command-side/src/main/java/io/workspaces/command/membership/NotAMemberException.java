package io.workspaces.command.membership;

import io.workspaces.command.workspace.WorkspaceRuleViolation;

public class NotAMemberException extends WorkspaceRuleViolation {
    public NotAMemberException(String principal) {
        super("'" + principal + "' is not a member of this workspace");
    }
}
