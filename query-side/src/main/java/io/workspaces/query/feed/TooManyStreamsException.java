package io.workspaces.query.feed;

import io.workspaces.query.web.ResponseSlots;

/** This node, or this caller, already has as many SSE streams as it may; answered 503 with Retry-After. */
class TooManyStreamsException extends RuntimeException {
    public TooManyStreamsException(ResponseSlots.Refusal refusal) {
        super(refusal.perPrincipal()
                ? "this caller already holds " + refusal.max() + " event streams; close one, or retry shortly"
                : "this node already serves " + refusal.max() + " event streams; retry shortly or read GET /v1/events",
                null, false, false);
    }
}
