package io.workspaces.query.access;

/** The caller can see the workspace but may not read this part of it; answered 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message, null, false, false);
    }
}
