package io.workspaces.client;

/** Every failure of the client: an error answer ({@link ApiException}) or no answer ({@link ConnectionException}). */
public abstract class WorkspacesException extends RuntimeException {

    protected WorkspacesException(String message, Throwable cause) {
        super(message, cause);
    }
}
