package io.workspaces.query.feed;

/** This node already serves as many SSE streams as it may; answered 503 with Retry-After. */
public class TooManyStreamsException extends RuntimeException {
    public TooManyStreamsException(int max) {
        super("this node already serves " + max + " event streams; retry shortly or read GET /v1/events", null,
                false, false);
    }
}
