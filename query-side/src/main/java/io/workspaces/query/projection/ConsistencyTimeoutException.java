package io.workspaces.query.projection;

/** The projections did not reach a requested consistency token in time; answered 503 with Retry-After. */
public class ConsistencyTimeoutException extends RuntimeException {

    private final long position;

    public ConsistencyTimeoutException(long position, long waitedMillis) {
        super("the read models have not reached position " + position + " after " + waitedMillis
                + " ms; retry shortly", null, false, false);
        this.position = position;
    }

    public long position() {
        return position;
    }
}
