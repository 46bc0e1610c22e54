package io.workspaces.query.audit;

import io.workspaces.query.web.ResponseSlots;

/** This node, or this caller, already runs as many audit exports as it may; answered 503 with Retry-After. */
public class TooManyExportsException extends RuntimeException {
    public TooManyExportsException(ResponseSlots.Refusal refusal) {
        super(refusal.perPrincipal()
                ? "this caller already runs " + refusal.max() + " audit exports; wait for one to finish"
                : "this node already runs " + refusal.max() + " audit exports; retry shortly",
                null, false, false);
    }
}
