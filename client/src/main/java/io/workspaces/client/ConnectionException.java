package io.workspaces.client;

import java.net.URI;

/**
 * No answer: the connection could not be made, timed out, or broke. {@link #requestMayHaveBeenSent()} is false when the
 * request certainly never reached the service (a refused connection or connect timeout).
 */
public class ConnectionException extends WorkspacesException {

    /** What went wrong. */
    public enum Kind {
        /** Nothing listens there (or a firewall refused). */
        REFUSED,
        /** No connection within the connect timeout. */
        CONNECT_TIMEOUT,
        /** Connected, but no answer within the request timeout. */
        TIMEOUT,
        /** The connection broke (reset, closed early, TLS). */
        BROKEN,
        /** The calling thread was interrupted. */
        INTERRUPTED
    }

    private final Service service;
    private final URI uri;
    private final Kind kind;

    public ConnectionException(Service service, URI uri, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
        this.uri = uri;
        this.kind = kind;
    }

    public Service service() {
        return service;
    }

    public URI uri() {
        return uri;
    }

    public Kind kind() {
        return kind;
    }

    public boolean requestMayHaveBeenSent() {
        return kind != Kind.REFUSED && kind != Kind.CONNECT_TIMEOUT;
    }
}
