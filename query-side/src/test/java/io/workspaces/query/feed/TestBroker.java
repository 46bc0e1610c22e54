package io.workspaces.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * A consumer of the test run's exchange, straight on the machine's RabbitMQ (not through the proxy): an
 * exclusive, auto-deleted queue bound with {@code workspace.#} that collects every message with the moment
 * it arrived.
 */
public final class TestBroker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One consumed message. */
    public record Received(String routingKey, AMQP.BasicProperties properties, String body, JsonNode envelope,
                           long receivedNanos) {
        public long position() {
            return envelope.path("position").asLong();
        }

        public String workspaceId() {
            return envelope.path("workspace_id").asText();
        }

        public String id() {
            return envelope.path("id").asText();
        }
    }

    private final Connection connection;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    private TestBroker(Connection connection) {
        this.connection = connection;
    }

    /** Binds a new queue to {@code exchange} (declaring it as the service does, should the service not have yet). */
    public static TestBroker consume(String exchange) {
        try {
            Connection connection = factory().newConnection("workspaces-test-consumer");
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(exchange, "topic", true, false, null);
            String queue = channel.queueDeclare("workspaces-test-" + UUID.randomUUID(), false, true, true, null)
                    .getQueue();
            channel.queueBind(queue, exchange, "workspace.#");
            TestBroker broker = new TestBroker(connection);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    String text = new String(body, StandardCharsets.UTF_8);
                    broker.received.add(new Received(envelope.getRoutingKey(), properties, text, JSON.readTree(text),
                            System.nanoTime()));
                }
            });
            return broker;
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("could not consume from RabbitMQ: " + e, e);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The messages of one workspace, in arrival order. */
    public List<Received> of(String workspaceId) {
        return received.stream().filter(message -> message.workspaceId().equals(workspaceId)).toList();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // the queue goes with the connection anyway
        }
    }

    static void deleteExchange(String exchange) {
        try (Connection connection = factory().newConnection("workspaces-test-cleanup")) {
            connection.createChannel().exchangeDelete(exchange);
        } catch (IOException | TimeoutException e) {
            // nothing depends on it: the next run uses an exchange of its own
        }
    }

    private static ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(DownstreamServices.BROKER_HOST);
        factory.setPort(DownstreamServices.BROKER_PORT);
        factory.setUsername(DownstreamServices.BROKER_USER);
        factory.setPassword(DownstreamServices.BROKER_PASSWORD);
        return factory;
    }
}
