package io.workspaces.query.webhook;

import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.feed.EventPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
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

    private final WebhookDeliveries deliveries;
    private final EventPositions positions;
    private final WebhookConfiguration.DeliveriesRecorded recorded;

    public WebhookOutbox(WebhookDeliveries deliveries, EventPositions positions,
                         WebhookConfiguration.DeliveriesRecorded recorded) {
        this.deliveries = deliveries;
        this.positions = positions;
        this.recorded = recorded;
    }

    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message, TrackingToken token) {
        if (deliveries.recordPending(positions.envelope(event, message, token)) > 0) {
            recorded.signal().afterCommit();
        }
    }
}
