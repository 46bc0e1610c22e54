package io.workspaces.command.workspace;


public class NotAMemberException extends WorkspaceRuleViolation {
    public NotAMemberException(String principal) {
        super("'" + principal + "' is not a member of this workspace");
    }
}
