package io.workspaces.query.access;

import io.workspaces.query.web.ProblemException;
import org.springframework.http.HttpStatus;

/** No live workspace (or, for history, no workspace ever) answers to the reference; answered 404. */
public class WorkspaceNotFoundException extends ProblemException {
    public WorkspaceNotFoundException(String ref) {
        super(HttpStatus.NOT_FOUND, "workspace-not-found", "Workspace not found", "no workspace '" + ref + "'");
    }
}
