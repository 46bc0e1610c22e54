package io.workspaces.query.projection;

import io.workspaces.query.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The projections did not reach a requested consistency token in time; answered 503 with Retry-After. */
public class ConsistencyTimeoutException extends ProblemException {

    private final long position;

    public ConsistencyTimeoutException(long position, long waitedMillis) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "consistency-timeout", "Read models behind",
                "the read models have not reached position " + position + " after " + waitedMillis
                        + " ms; retry shortly", "1");
        this.position = position;
    }

    @Override
    protected void describe(ProblemDetail problem) {
        problem.setProperty("consistency_token", position);
    }

    public long position() {
        return position;
    }
}
