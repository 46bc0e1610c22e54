package io.workspaces.common.web;

/** The names of the HTTP headers the service reads or writes beyond the standard ones, in one place. */
public final class Headers {

    /** The global position a write reached; a read sent with it waits until it has seen that write. */
    public static final String CONSISTENCY_TOKEN = "X-Consistency-Token";
    public static final String REQUEST_ID = "X-Request-Id";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set to true on the answer to a create repeated with the same idempotency key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    public static final String LAST_EVENT_ID = "Last-Event-ID";
    public static final String AS_OF = "X-As-Of";
    public static final String AUDIT_EVENT_COUNT = "X-Audit-Event-Count";
    /** Tells a buffering reverse proxy (nginx) to pass a stream through as it comes. */
    public static final String ACCEL_BUFFERING = "X-Accel-Buffering";

    private Headers() {
    }
}
