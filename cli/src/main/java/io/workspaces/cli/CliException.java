package io.workspaces.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A failure the user is told about in one line on stderr ({@code error: ...}, plus detail lines such as field
 * errors), ending the command with {@link #exitCode()}. Never shown as a stack trace.
 */
class CliException extends RuntimeException {

    private final int exitCode;
    private final List<String> details = new ArrayList<>();

    CliException(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    CliException(int exitCode, String message, List<String> details) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.details.addAll(details);
    }

    int exitCode() {
        return exitCode;
    }

    /** Lines printed (indented) after the error line. */
    List<String> details() {
        return List.copyOf(details);
    }

    void addDetail(String line) {
        details.add(line);
    }
}
