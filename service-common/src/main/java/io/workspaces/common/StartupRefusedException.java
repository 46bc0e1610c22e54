package io.workspaces.common;

/** A configuration this service will not start with; the message says what to change. */
public class StartupRefusedException extends RuntimeException {
    public StartupRefusedException(String message) {
        super(message, null, false, false);
    }
}
