package io.workspaces.common.web;

class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message, null, false, false);
    }
}
