package io.workspaces.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Server-Sent Events client as small as the format (WHATWG HTML, "server-sent events"): reads the stream on a
 * thread of its own and collects the events (id and data lines), the named events ({@code event:} lines) and the
 * comment lines it receives, and whether the server ended the stream.
 */
public final class SseClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its {@code id:}, its {@code event:} name (null for the feed's own events) and its data as JSON. */
    public record Event(String id, String name, JsonNode data) {
    }

    private final HttpResponse<InputStream> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Event> named = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private volatile String retry;
    private volatile boolean commentFirst;
    private volatile boolean endedByServer;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens {@code url} with a bearer token and, if given, a Last-Event-ID. */
    public static SseClient open(String url, String bearer, String lastEventId) {
        return lastEventId == null ? open(url, Map.of("Authorization", "Bearer " + bearer))
                : open(url, Map.of("Authorization", "Bearer " + bearer, "Last-Event-ID", lastEventId));
    }

    /** Opens {@code url} with these request headers. */
    public static SseClient open(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        try {
            return new SseClient(CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The feed's events (without an {@code event:} name). */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The events with an {@code event:} name, such as the last one of a stream the server ends. */
    public List<Event> named() {
        return List.copyOf(named);
    }

    /** True when the first thing the stream delivered was a comment line (before any event). */
    public boolean commentFirst() {
        return commentFirst;
    }

    /** True once the server has ended the stream (the response body ended). */
    public boolean endedByServer() {
        return endedByServer;
    }

    public int comments() {
        return comments.get();
    }

    public String retry() {
        return retry;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            boolean anything = false;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        Event event = new Event(id, name, JSON.readTree(data.toString()));
                        (name == null ? events : named).add(event);
                        anything = true;
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    commentFirst = commentFirst || !anything;
                    anything = true;
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
                        case "retry" -> retry = value;
                        case "event" -> name = value;
                        default -> {
                            // not part of the format
                        }
                    }
                }
            }
            endedByServer = true;
        } catch (IOException closed) {
            // the test closed the stream, or the server ended it
        }
    }

    /** Drops the connection, as a client that goes away does. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // gone anyway
        }
    }
}
