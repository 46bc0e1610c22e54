package io.workspaces.query.feed;

import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.projection.CommitSignal;
import io.workspaces.query.projection.ProjectionBatches;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records every event's envelope in {@code feed_event}, the source of the HTTP feed and its SSE stream. Its
 * processor has one segment, so the rows' {@code feed_sequence} follows the order in which the processor saw
 * the events commit: a reader that has read up to a sequence number has seen every row below it, even when an
 * event's transaction committed after that of an event with a higher position. A batch's rows are inserted
 * together, in the order the processor saw them ({@link ProjectionBatches}).
 */
@Component
@ProcessingGroup(FeedProjection.PROCESSOR)
class FeedProjection {

    public static final String PROCESSOR = "feed";

    private final JdbcTemplate jdbc;
    private final ProjectionBatches batches;
    private final CommitSignal recorded;

    public FeedProjection(JdbcTemplate jdbc, ProjectionBatches batches,
                          FeedConfiguration.FeedRecorded recorded) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.recorded = recorded.signal();
    }

    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message) {
        EventEnvelope envelope = EventEnvelope.of(event, message);
        batches.current(PROCESSOR).at(envelope.position()).update(
                "INSERT INTO feed_event (position, envelope) VALUES (?, ?) ON CONFLICT (position) DO NOTHING",
                envelope.position(), envelope.toJson());
        recorded.afterCommit();
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE feed_event RESTART IDENTITY");
    }
}
