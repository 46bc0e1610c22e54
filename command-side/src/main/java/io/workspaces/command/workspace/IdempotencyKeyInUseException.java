package io.workspaces.command.workspace;

/** Another create with the same Idempotency-Key committed first; the caller replays its answer. */
public class IdempotencyKeyInUseException extends WorkspaceRuleViolation {
    public IdempotencyKeyInUseException() {
        super("this Idempotency-Key was used by another request");
    }
}
