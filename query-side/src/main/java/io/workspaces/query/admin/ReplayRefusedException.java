package io.workspaces.query.admin;

import io.workspaces.query.web.ProblemException;
import org.springframework.http.HttpStatus;

/** A rebuild that cannot start now or ever; answered 409. */
class ReplayRefusedException extends ProblemException {
    public ReplayRefusedException(String message) {
        super(HttpStatus.CONFLICT, "replay-refused", "Rebuild refused", message);
    }
}
