package io.workspaces.query.feed;

import io.workspaces.events.WorkspaceEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The global position of an event, and its envelope. The position cannot be taken from the tracking token: an
 * event whose transaction committed after events with higher positions (a gap in the log, filled late) arrives
 * with a token whose position is the highest one seen so far, not its own. So it is read from the log, through
 * the unique index on the event identifier.
 */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long of(DomainEventMessage<?> message) {
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
