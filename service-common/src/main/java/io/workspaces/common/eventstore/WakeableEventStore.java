package io.workspaces.common.eventstore;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, whose readers can be woken from outside: the one thread that reads the head of the
 * log for every tracking processor of this node (the store's producer) waits {@code fetch-delay} between two reads
 * unless this node appended events itself; {@link #wakeReaders()} makes it read at once, as an append of this node
 * would. The query side calls it when PostgreSQL notifies it of an append by another process.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Reads the log now (or right after the read under way) and hands what is new to the waiting processors. */
    public void wakeReaders() {
        afterCommit(List.of());
    }
}
