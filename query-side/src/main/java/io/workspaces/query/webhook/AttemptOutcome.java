package io.workspaces.query.webhook;

import java.time.Instant;

/**
 * How one attempt went: when it started, the receiver's status code (null when no answer arrived), the coarse
 * class of a failure (null for a 2xx answer), and for operators' logs only a few fixed words on the failure
 * (never an exception message, an address or the response body).
 */
record AttemptOutcome(Instant attemptedAt, Integer statusCode, AttemptFailure failure, String detail) {

    static AttemptOutcome answered(Instant attemptedAt, int status) {
        boolean success = status >= 200 && status < 300;
        return new AttemptOutcome(attemptedAt, status, success ? null : AttemptFailure.ofStatus(status),
                success ? null : "answered " + status);
    }

    static AttemptOutcome failed(Instant attemptedAt, AttemptFailure failure, String detail) {
        return new AttemptOutcome(attemptedAt, null, failure, detail);
    }

    boolean succeeded() {
        return failure == null;
    }
}
