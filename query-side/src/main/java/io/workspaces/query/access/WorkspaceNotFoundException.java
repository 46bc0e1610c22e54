package io.workspaces.query.access;

/** No live workspace (or, for history, no workspace ever) answers to the reference; answered 404. */
public class WorkspaceNotFoundException extends RuntimeException {
    public WorkspaceNotFoundException(String ref) {
        super("no workspace '" + ref + "'", null, false, false);
    }
}
