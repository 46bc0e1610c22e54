package io.workspaces.query.admin;

/** A rebuild that cannot start now or ever; answered 409. */
public class ReplayRefusedException extends RuntimeException {
    public ReplayRefusedException(String message) {
        super(message, null, false, false);
    }
}
