package io.workspaces.cli;

/** The exit codes of every command (docs/cli.md): scripts branch on them. */
final class ExitCodes {

    static final int OK = 0;
    static final int ERROR = 1;
    static final int INVALID = 2;
    static final int NOT_FOUND = 3;
    static final int CONFLICT = 4;
    static final int FORBIDDEN = 5;
    static final int UNAUTHENTICATED = 6;
    static final int UNAVAILABLE = 7;
    static final int CHAIN_BROKEN = 8;

    private ExitCodes() {
    }

    /** The exit code for an HTTP error status. */
    static int forStatus(int status) {
        return switch (status) {
            case 400, 413, 414, 415, 422 -> INVALID;
            case 404 -> NOT_FOUND;
            case 409, 412 -> CONFLICT;
            case 403 -> FORBIDDEN;
            case 401 -> UNAUTHENTICATED;
            case 502, 503, 504 -> UNAVAILABLE;
            default -> ERROR;
        };
    }
}
