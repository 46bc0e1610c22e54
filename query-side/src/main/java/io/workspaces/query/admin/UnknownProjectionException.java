package io.workspaces.query.admin;

import io.workspaces.query.web.ProblemException;
import org.springframework.http.HttpStatus;

/** No projection has this name; answered 404. */
class UnknownProjectionException extends ProblemException {
    public UnknownProjectionException(String name) {
        super(HttpStatus.NOT_FOUND, "projection-not-found", "Projection not found",
                "no projection named '" + name + "'");
    }
}
