package io.workspaces.query.audit;

import io.workspaces.query.web.ProblemException;
import io.workspaces.query.web.ResponseSlots;
import org.springframework.http.HttpStatus;

/** This node, or this caller, already runs as many audit exports as it may; answered 503 with Retry-After. */
class TooManyExportsException extends ProblemException {
    public TooManyExportsException(ResponseSlots.Refusal refusal) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "too-many-exports", "Too many audit exports", refusal.perPrincipal()
                ? "this caller already runs " + refusal.max() + " audit exports; wait for one to finish"
                : "this node already runs " + refusal.max() + " audit exports; retry shortly",
                "10");
    }
}
