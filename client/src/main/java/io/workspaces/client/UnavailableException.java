package io.workspaces.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * 502, 503 or 504 after the retries ran out: the service (or what stands in front of it) cannot answer now. A 503
 * of this service changed nothing; {@link #retryAfter()} says when to try again.
 */
public class UnavailableException extends ApiException {

    public UnavailableException(int status, Problem problem, String body, HttpHeaders headers) {
        super(status, problem, body, headers);
    }

    public Optional<Duration> retryAfter() {
        return headers() == null ? Optional.empty() : Http.retryAfter(headers());
    }
}
