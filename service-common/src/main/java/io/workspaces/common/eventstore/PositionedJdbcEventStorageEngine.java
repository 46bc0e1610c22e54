package io.workspaces.common.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Axon's JDBC storage engine, telling each event read by a processor its own global position, in the metadata
 * key {@value EventMetadata#GLOBAL_POSITION} (added on read, never stored).
 *
 * <p>Why: a processor's tracking token gives the highest position seen so far, not the event's. When two
 * transactions commit out of order (the usual case with several writers), the event that commits late is
 * delivered with a token whose position belongs to a later event; a projection keyed by the token's position
 * would then write the late event under another event's position, or drop it as a duplicate.
 */
public class PositionedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    protected PositionedJdbcEventStorageEngine(Builder builder) {
        super(builder);
    }

    public static PositionedJdbcEventStorageEngine create(Builder builder) {
        return new PositionedJdbcEventStorageEngine(builder);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> tracked = super.getTrackedEventData(resultSet, previousToken);
        if (!(tracked instanceof TrackedDomainEventData<?> domain)) {
            return tracked;
        }
        long position = resultSet.getLong(EventStoreConfiguration.EVENT_SCHEMA.globalIndexColumn());
        Instant timestamp = StoredTimestamps.parse(resultSet.getString(EventStoreConfiguration.EVENT_SCHEMA.timestampColumn()));
        return new TrackedDomainEventData<>(tracked.trackingToken(), withPosition(domain, position, timestamp));
    }

    @SuppressWarnings("unchecked")
    private static <T> DomainEventData<T> withPosition(TrackedDomainEventData<T> event, long position, Instant timestamp) {
        Object metaData = event.getMetaData().getData();
        String json = metaData == null ? "{}" : metaData.toString().trim();
        String entry = "\"" + EventMetadata.GLOBAL_POSITION + "\":" + position;
        String positioned = json.equals("{}") || json.isEmpty() ? "{" + entry + "}" : "{" + entry + "," + json.substring(1);
        return new PositionedEventData<>(event, (T) positioned, timestamp);
    }
}
