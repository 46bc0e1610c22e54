package io.workspaces.command.workspace;

/**
 * Another writer appended to the same workspace at the same moment (possibly on another node) and won.
 * A conditional write (If-Match) answers 412; an unconditional one is retried first and answers 409 only
 * if it keeps losing.
 */
public class ConflictingWriteException extends RuntimeException {

    private final boolean conditional;

    public ConflictingWriteException(boolean conditional) {
        super("the workspace was changed concurrently by another request", null, false, false);
        this.conditional = conditional;
    }

    public boolean conditional() {
        return conditional;
    }
}
