package io.workspaces.query.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure of the query side's own, answered as problem+json by {@link QueryProblems}: the status, type and title
 * are the exception's, the detail is its message. Each feature package throws its own subclasses, so that the web
 * package, which answers them, depends on none of them.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final String retryAfter;

    /** A problem of {@code status}, whose type ends in {@code type} (the slug) and which {@code title} names. */
    protected ProblemException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    /** The same, answered with a Retry-After header of {@code retryAfterSeconds}. */
    protected ProblemException(HttpStatus status, String type, String title, String detail, String retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.retryAfter = retryAfterSeconds;
    }

    /** Adds the members of this problem beyond the standard ones (none unless a subclass says otherwise). */
    protected void describe(ProblemDetail problem) {
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    /** The Retry-After header's value, or null for none. */
    String retryAfter() {
        return retryAfter;
    }
}
