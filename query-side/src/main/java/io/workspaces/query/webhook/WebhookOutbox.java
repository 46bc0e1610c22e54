package io.workspaces.query.webhook;

import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.feed.EventEnvelope;
import io.workspaces.query.feed.EventPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records one pending delivery per event and matching subscription, in the transaction that advances the
 * processor's token ({@value #PROCESSOR}): delivering never holds up the processor, and an event is never lost
 * between being processed and being sent. Deliveries of one subscription and workspace are recorded in event order.
 */
@Component
@ProcessingGroup(WebhookOutbox.PROCESSOR)
public class WebhookOutbox {

    public static final String PROCESSOR = "webhook-outbox";

    private final JdbcTemplate jdbc;
    private final EventPositions positions;
    private final WebhookConfiguration.DeliveriesRecorded recorded;

    public WebhookOutbox(JdbcTemplate jdbc, EventPositions positions, WebhookConfiguration.DeliveriesRecorded recorded) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.recorded = recorded;
    }

    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message, TrackingToken token) {
        EventEnvelope envelope = positions.envelope(event, message, token);
        int deliveries = jdbc.update("""
                        INSERT INTO webhook_delivery (id, subscription_id, event_id, position, workspace_id, event_type,
                            envelope, status, next_attempt_at, created_at)
                        SELECT gen_random_uuid(), s.id, ?, ?, ?, ?, ?, 'pending', now(), now()
                        FROM webhook_subscription s
                        WHERE s.starts_after < ?
                          AND (s.workspace_id IS NULL OR s.workspace_id = ?)
                          AND (cardinality(s.event_types) = 0 OR ? = ANY (s.event_types))
                        ON CONFLICT (subscription_id, event_id) DO NOTHING""",
                envelope.id(), envelope.position(), envelope.workspaceId(), envelope.type(), envelope.toJson(),
                envelope.position(), envelope.workspaceId(), envelope.type());
        if (deliveries > 0) {
            recorded.signal().afterCommit();
        }
    }
}
