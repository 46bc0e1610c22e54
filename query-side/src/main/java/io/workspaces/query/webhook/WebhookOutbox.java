package io.workspaces.query.webhook;

import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.feed.EventEnvelope;
import io.workspaces.query.projection.ProjectionBatches;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Records one pending delivery per event and matching subscription, in the transaction that advances the
 * processor's token ({@value #PROCESSOR}): delivering never holds up the processor, and an event is never lost
 * between being processed and being sent. Deliveries of one subscription and workspace are recorded in event order,
 * with the rest of the processor's batch ({@link ProjectionBatches}).
 */
@Component
@ProcessingGroup(WebhookOutbox.PROCESSOR)
class WebhookOutbox {

    public static final String PROCESSOR = "webhook-outbox";

    private final WebhookDeliveries deliveries;
    private final ProjectionBatches batches;
    private final WebhookConfiguration.DeliveriesRecorded recorded;

    public WebhookOutbox(WebhookDeliveries deliveries, ProjectionBatches batches,
                         WebhookConfiguration.DeliveriesRecorded recorded) {
        this.deliveries = deliveries;
        this.batches = batches;
        this.recorded = recorded;
    }

    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message) {
        EventEnvelope envelope = EventEnvelope.of(event, message);
        deliveries.recordPending(batches.current(PROCESSOR).at(envelope.position()), envelope, rows -> {
            if (rows != 0) {
                recorded.signal().afterCommit();
            }
        });
    }
}
