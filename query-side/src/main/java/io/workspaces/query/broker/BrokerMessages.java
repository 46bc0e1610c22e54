package io.workspaces.query.broker;

import io.workspaces.query.feed.EventEnvelope;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * An event as a RabbitMQ message: the envelope as the JSON body, persistent, routed by its type (the stable
 * names already read {@code workspace.<event-type>}, e.g. {@code workspace.member-added}). The message id is the
 * event id, so consumers can drop the duplicates that at-least-once delivery allows; the headers repeat what a
 * consumer may want to route or order by without parsing the body.
 */
final class BrokerMessages {

    public static final String APP_ID = "workspaces";

    private BrokerMessages() {
    }

    /** A message to publish, with the routing key it goes out with. */
    public record Outgoing(String routingKey, long position, Message message) {
    }

    public static String routingKey(EventEnvelope envelope) {
        return envelope.type();
    }

    public static Outgoing of(EventEnvelope envelope) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(envelope.id());
        properties.setType(envelope.type());
        properties.setAppId(APP_ID);
        properties.setTimestamp(Date.from(envelope.occurredAt().toInstant()));
        properties.setHeader("envelope_version", EventEnvelope.VERSION);
        properties.setHeader("revision", envelope.revision());
        properties.setHeader("position", envelope.position());
        properties.setHeader("workspace_id", envelope.workspaceId().toString());
        Message message = new Message(envelope.toJson().getBytes(StandardCharsets.UTF_8), properties);
        return new Outgoing(routingKey(envelope), envelope.position(), message);
    }
}
