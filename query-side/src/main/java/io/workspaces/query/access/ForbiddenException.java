package io.workspaces.query.access;

import io.workspaces.query.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The caller can see the workspace but may not read this part of it; answered 403. */
public class ForbiddenException extends ProblemException {
    public ForbiddenException(String message) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", message);
    }
}
