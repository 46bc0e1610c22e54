package io.workspaces.query.broker;

import io.workspaces.common.web.Failures;
import io.workspaces.events.WorkspaceEvent;
import io.workspaces.query.feed.EventEnvelope;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes every event to the topic exchange, driven by its own processor ({@value #PROCESSOR}) and token. A
 * batch of events is published on one channel in log order, and the processor's token (stored in the batch's
 * transaction) is committed only after the broker has confirmed every message of it: an event is never marked
 * as published before RabbitMQ has taken responsibility for it. If publishing or confirming fails, the batch
 * rolls back and is published again from its first event, so a consumer may see an event twice but never miss
 * one, and the events of one workspace never overtake each other.
 */
@ProcessingGroup(BrokerPublisher.PROCESSOR)
class BrokerPublisher {

    public static final String PROCESSOR = "broker-publisher";
    private static final Logger log = LoggerFactory.getLogger(BrokerPublisher.class);
    private static final String BATCH = BrokerPublisher.class.getName() + "/batch";

    private final RabbitTemplate rabbit;
    private final BrokerProperties properties;
    private final BrokerStatus status;

    public BrokerPublisher(RabbitTemplate rabbit, BrokerProperties properties,
                           BrokerStatus status) {
        this.rabbit = rabbit;
        this.properties = properties;
        this.status = status;
    }

    @EventHandler
    void on(WorkspaceEvent event, DomainEventMessage<?> message) {
        batch().add(BrokerMessages.of(EventEnvelope.of(event, message)));
    }

    /** The messages of the current batch; published when the batch is about to commit. */
    private List<BrokerMessages.Outgoing> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            List<BrokerMessages.Outgoing> batch = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> publish(batch));
            return batch;
        });
    }

    private void publish(List<BrokerMessages.Outgoing> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            rabbit.invoke(operations -> {
                for (BrokerMessages.Outgoing outgoing : batch) {
                    operations.send(properties.exchange(), outgoing.routingKey(), outgoing.message());
                }
                operations.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
                return null;
            });
        } catch (AmqpException e) {
            long from = batch.get(0).position();
            if (status.pause()) {
                log.warn("publishing to RabbitMQ paused at position {}: {}; it resumes from there when the broker "
                        + "is reachable again", from, Failures.describe(e));
            }
            throw new BrokerUnavailableException("RabbitMQ did not take the events from position " + from + " ("
                    + e.getClass().getSimpleName() + "); they will be published again");
        }
        status.confirmed(batch.get(batch.size() - 1).position());
        if (status.resume()) {
            log.info("publishing to RabbitMQ resumed");
        }
    }
}
