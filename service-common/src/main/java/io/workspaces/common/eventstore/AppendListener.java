package io.workspaces.common.eventstore;

/**
 * Told that this node appended events, once the transaction that appended them has committed (a rolled-back
 * append tells nothing). Called on the committing thread, after the write but before its request is answered:
 * it must return at once and never throw. The command side's {@code AppendNotifier} is one.
 */
@FunctionalInterface
public interface AppendListener {

    void appendCommitted();
}
