package io.workspaces.client;

import java.net.http.HttpHeaders;

/**
 * The service answered with an error status. The subclasses say which kind; {@link #problem()} has the details,
 * {@link #body()} the body as received.
 */
public class ApiException extends WorkspacesException {

    private final int status;
    private final Problem problem;
    private final String body;
    private final transient HttpHeaders headers;

    public ApiException(int status, Problem problem, String body, HttpHeaders headers) {
        super(message(status, problem), null);
        this.status = status;
        this.problem = problem;
        this.body = body;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }

    /** The raw body (possibly not JSON, e.g. a proxy's page). */
    public String body() {
        return body;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The problem type's last part, e.g. {@code name-taken}, {@code version-mismatch}. */
    public String type() {
        return problem.slug();
    }

    private static String message(int status, Problem problem) {
        StringBuilder message = new StringBuilder().append(status);
        if (problem.title() != null) {
            message.append(' ').append(problem.title());
        }
        if (problem.detail() != null) {
            message.append(": ").append(problem.detail());
        }
        if (problem.requestId() != null) {
            message.append(" (request id ").append(problem.requestId()).append(')');
        }
        return message.toString();
    }
}
