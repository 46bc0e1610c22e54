package io.workspaces.common.web;

public class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message, null, false, false);
    }
}
