package io.workspaces.query.webhook;

import java.time.Instant;

/**
 * How one attempt went: the receiver's status code (null when no response arrived) and, for a failure, why in a
 * few words (never the response body).
 */
public record AttemptOutcome(Instant attemptedAt, long durationMillis, Integer statusCode, String error) {

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
