package io.workspaces.query.admin;

/** No projection has this name; answered 404. */
public class UnknownProjectionException extends RuntimeException {
    public UnknownProjectionException(String name) {
        super("no projection named '" + name + "'", null, false, false);
    }
}
