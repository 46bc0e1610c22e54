package io.workspaces.query.consistency;

/**
 * How far an index kept in memory (the access index) has followed the event log: {@link ReadYourWrites} waits for
 * it too, since it decides who may read what.
 */
public interface IndexProgress {

    /** True once the index reflects the event at {@code position}. */
    boolean hasPassed(long position);
}
