package io.workspaces.query.feed;

import io.workspaces.common.eventstore.EventMetadata;
import io.workspaces.events.WorkspaceEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * The global position of an event, and its envelope. The position cannot be taken from the tracking token: an
 * event whose transaction committed after events with higher positions (a gap in the log, filled late) arrives
 * with a token whose position is the highest one seen so far, not its own. The storage engine hands each event
 * its own position ({@link EventMetadata#positionOf}); for an event that did not come through it, the position
 * is read from the log through the unique index on the event identifier.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long of(DomainEventMessage<?> message) {
        OptionalLong known = EventMetadata.positionOf(message);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        Long position = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, message.getIdentifier());
        if (position == null) {
            throw new IllegalStateException("event " + message.getIdentifier() + " is not in the event log");
        }
        return position;
    }

    public EventEnvelope envelope(WorkspaceEvent event, DomainEventMessage<?> message, TrackingToken token) {
        return EventEnvelope.of(event, message, token, of(message));
    }
}
