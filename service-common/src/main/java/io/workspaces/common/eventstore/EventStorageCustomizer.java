package io.workspaces.common.eventstore;

import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Adjusts how the event storage engine is built, by the side that needs it: the command side, which takes
 * snapshots, says how they are written. Beans of this type are applied in their order.
 */
@FunctionalInterface
public interface EventStorageCustomizer {

    void customize(JdbcEventStorageEngine.Builder builder);
}
