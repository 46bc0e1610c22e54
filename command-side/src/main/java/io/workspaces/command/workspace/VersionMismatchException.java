package io.workspaces.command.workspace;

public class VersionMismatchException extends WorkspaceRuleViolation {

    private final long currentVersion;

    public VersionMismatchException(long expected, long current) {
        super("the workspace is at version " + current + ", not " + expected + " as If-Match requires");
        this.currentVersion = current;
    }

    /** For an If-Match list (or a tag naming no version) that does not name {@code current}. */
    public VersionMismatchException(long current) {
        super("the workspace is at version " + current + ", which no strong entity tag of If-Match names");
        this.currentVersion = current;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
