package io.workspaces.command.membership;

import io.workspaces.command.workspace.WorkspaceRuleViolation;

public class AlreadyAMemberException extends WorkspaceRuleViolation {
    public AlreadyAMemberException(String principal) {
        super("'" + principal + "' is already a member");
    }
}
