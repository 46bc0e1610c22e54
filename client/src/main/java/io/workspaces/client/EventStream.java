package io.workspaces.client;

import io.workspaces.client.model.EventEnvelope;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The live event feed ({@code GET /v1/events/stream}, Server-Sent Events) as an iterator of envelopes, in log order.
 * {@link #hasNext()} blocks until the next event arrives; it answers false when the service ended the stream (e.g. at
 * the token's expiry: {@link #endReason()}) or the connection closed. {@link #lastEventId()} is the position to
 * resume after ({@link WorkspacesClient#streamEvents(Long)}). Heartbeats are skipped. Close it to stop.
 */
public final class EventStream implements Iterator<EventEnvelope>, Closeable {

    private final InputStream body;
    private final BufferedReader reader;
    private EventEnvelope next;
    private boolean ended;
    private String endReason;
    private Long lastEventId;
    /** When the last line (an event's or a heartbeat's) arrived, System.nanoTime(). */
    private volatile long receivedAt = System.nanoTime();

    EventStream(InputStream body, Long resumeAfter) {
        this.body = body;
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.lastEventId = resumeAfter;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        try {
            next = read();
        } catch (IOException e) {
            ended = true;
            throw new UncheckedIOException("the event stream broke off after position " + lastEventId, e);
        }
        return next != null;
    }

    @Override
    public EventEnvelope next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        EventEnvelope event = next;
        next = null;
        return event;
    }

    /** The position of the last event received (or the one the stream resumed after), null before any. */
    public Long lastEventId() {
        return lastEventId;
    }

    /** How long ago anything arrived on the stream, heartbeats included: silence longer than the heartbeat interval means trouble. */
    public Duration idle() {
        return Duration.ofNanos(System.nanoTime() - receivedAt);
    }

    long receivedAtNanos() {
        return receivedAt;
    }

    /** Why the service ended the stream, or null. */
    public String endReason() {
        return endReason;
    }

    @Override
    public void close() {
        ended = true;
        try {
            body.close();
        } catch (IOException e) {
            // closing a broken stream
        }
    }

    private EventEnvelope read() throws IOException {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            receivedAt = System.nanoTime();
            if (line.isEmpty()) {
                if (data.length() > 0 || name != null) {
                    if ("end".equals(name)) {
                        ended = true;
                        var reason = Json.tree(data.toString());
                        endReason = reason == null ? null : reason.path("reason").asText(null);
                        return null;
                    }
                    if (id != null) {
                        lastEventId = Long.parseLong(id.trim());
                    }
                    return Json.read(data.toString(), EventEnvelope.class);
                }
                id = null;
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                default -> {
                    // retry and unknown fields
                }
            }
        }
        ended = true;
        return null;
    }
}
