package io.workspaces.command.workspace;

public class VersionMismatchException extends WorkspaceRuleViolation {

    private final long currentVersion;

    public VersionMismatchException(long expected, long current) {
        super("the workspace is at version " + current + ", not " + expected + " as If-Match requires");
        this.currentVersion = current;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
