package io.workspaces.query.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint for webhooks, on a loopback port: records every request (headers, body, when) and answers
 * as told: 204; 503 for the first N attempts of each message (by {@code webhook-id}); always 503; or not at all
 * until released (the sender times out; a released request is answered 503).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received, and the status it was answered with (0: never answered). */
    public record Request(Map<String, String> headers, String body, long receivedNanos, int status) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile int failFirst;
    private volatile boolean failAlways;
    private volatile CountDownLatch hang;

    public WebhookReceiver() throws IOException {
        this(InetAddress.getLoopbackAddress(), 0);
    }

    /** A receiver on {@code address} and {@code port} (0: any free port). */
    public WebhookReceiver(InetAddress address, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return url("127.0.0.1");
    }

    /** Its URL with {@code host} in it (a name or an address that leads here). */
    public String url(String host) {
        return "http://" + host + ":" + port() + "/hooks";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers 503 to the first {@code n} attempts of every message, then 204. */
    public WebhookReceiver failFirst(int n) {
        failFirst = n;
        return this;
    }

    public WebhookReceiver failAlways(boolean fail) {
        failAlways = fail;
        return this;
    }

    /** Holds every request unanswered until {@link #release()}. */
    public WebhookReceiver hang() {
        hang = new CountDownLatch(1);
        return this;
    }

    public WebhookReceiver release() {
        CountDownLatch held = hang;
        hang = null;
        if (held != null) {
            held.countDown();
        }
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requestsFor(String webhookId) {
        return requests.stream().filter(request -> webhookId.equals(request.header("webhook-id"))).toList();
    }

    /** Requests that arrived, answered or not yet. */
    public int arrived() {
        return attempts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int attempt = attempts.computeIfAbsent(String.valueOf(headers.get("webhook-id")), id -> new AtomicInteger())
                .incrementAndGet();
        CountDownLatch held = hang;
        if (held != null) {
            try {
                held.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // a held request is answered too late to count: its sender has given up
        int status = held != null || failAlways ? 503 : attempt <= failFirst ? 503 : 204;
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException senderGaveUp) {
            status = 0;
        }
        exchange.close();
        requests.add(new Request(headers, body, received, status));
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
