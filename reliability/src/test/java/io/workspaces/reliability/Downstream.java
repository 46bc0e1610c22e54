package io.workspaces.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * What a downstream consumer sees: every webhook delivery a local receiver gets, and every message of a queue
 * bound to the test's own exchange on the machine's RabbitMQ. Both keep every arrival, duplicates included.
 */
final class Downstream implements AutoCloseable {

    /** One arrival: the event's id and position. */
    record Arrival(String id, long position) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final String exchange = "workspaces-test-" + UUID.randomUUID();
    final ConcurrentLinkedQueue<Arrival> webhooks = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Arrival> messages = new ConcurrentLinkedQueue<>();
    private final HttpServer receiver;
    private final Connection connection;

    Downstream() throws IOException, TimeoutException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            webhooks.add(arrival(body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env("WORKSPACES_BROKER_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(env("WORKSPACES_BROKER_PORT", "5672")));
        factory.setUsername(env("WORKSPACES_BROKER_USER", "guest"));
        factory.setPassword(env("WORKSPACES_BROKER_PASSWORD", "guest"));
        connection = factory.newConnection("workspaces-reliability-consumer");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true, false, null);
        String queue = channel.queueDeclare(exchange, false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, "workspace.#");
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                messages.add(arrival(body));
            }
        });
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    int webhookPort() {
        return receiver.getAddress().getPort();
    }

    static List<Arrival> after(ConcurrentLinkedQueue<Arrival> arrivals, int skip) {
        return arrivals.stream().skip(skip).toList();
    }

    private static Arrival arrival(byte[] body) throws IOException {
        JsonNode envelope = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        return new Arrival(envelope.path("id").asText(), envelope.path("position").asLong());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        receiver.stop(0);
        try {
            connection.createChannel().exchangeDelete(exchange);
            connection.close();
        } catch (IOException e) {
            // the queue goes with the connection; the exchange is this run's own
        }
    }
}
