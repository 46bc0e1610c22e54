package io.workspaces.command.workspace;


public class LastAdminException extends WorkspaceRuleViolation {
    public LastAdminException(String principal) {
        super("'" + principal + "' is the last admin; make someone else admin first");
    }
}
