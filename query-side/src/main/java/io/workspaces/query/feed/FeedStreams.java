package io.workspaces.query.feed;

import io.workspaces.events.Principal;
import io.workspaces.query.web.ResponseSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open SSE streams of this node. Each stream keeps its place in the feed and sends what follows it whenever
 * this node's feed processor commits new rows, and at least every {@code poll-interval} (for rows another node
 * recorded).
 *
 * <p>A stream starts with a comment line, and sends another whenever it has been idle for
 * {@code heartbeat-interval}: that keeps proxies from closing it, and a write is how a client that went away is
 * noticed (the Servlet API reports nothing about a connection closed while its response is idle). A stream ends
 * when a write fails or the container ends the request, after {@code stream-max-duration}, or when the bearer
 * token it was opened with expires; in the last two cases it sends a last event {@code end} saying why, and the
 * client reconnects (with a fresh token and its Last-Event-ID). Whichever way it ends, its slot is free at once.
 *
 * <p>A stream is pumped by one task at a time, on an executor with a thread for every stream that has something to
 * send, so a client that stops reading holds up only its own stream, until the server's write timeout fails the
 * write. The feed reads themselves run at most {@value #CONCURRENT_READS} at once, leaving the connection pool to
 * everyone else.
 */
@Component
class FeedStreams implements DisposableBean {

    /** The name of the last event of a stream that the server ends; its data says why. */
    static final String END_EVENT = "end";
    static final String TOKEN_EXPIRED = "token-expired";
    static final String MAX_DURATION = "max-duration";

    private static final Logger log = LoggerFactory.getLogger(FeedStreams.class);
    private static final int PAGE = 500;
    private static final int CONCURRENT_READS = 4;
    /** Tells EventSource clients how long to wait before reconnecting. */
    private static final long RECONNECT_MILLIS = 1000;
    /** The container's own timeout of a stream, should it outlive its end (which the pump normally sees to). */
    private static final Duration CONTAINER_TIMEOUT_MARGIN = Duration.ofMinutes(1);

    private final FeedReadModel feed;
    private final FeedProperties properties;
    private final TaskExecutor senders;
    private final ResponseSlots slots;
    private final Semaphore reads = new Semaphore(CONCURRENT_READS);
    private final Set<FeedStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> polling;

    public FeedStreams(FeedReadModel feed, FeedProperties properties, FeedConfiguration.FeedRecorded recorded,
                       @Qualifier(FeedConfiguration.STREAM_SENDERS) TaskExecutor senders, TaskScheduler scheduler) {
        this.feed = feed;
        this.properties = properties;
        this.senders = senders;
        this.slots = new ResponseSlots(properties.maxStreams(), properties.maxStreamsPerPrincipal());
        this.polling = scheduler.scheduleWithFixedDelay(this::wakeAll,
                Instant.now().plus(properties.pollInterval()), properties.pollInterval());
        recorded.signal().subscribe(this::wakeAll);
    }

    /**
     * A new stream for {@code principal} that starts after the feed sequence {@code cursor} and ends, at the
     * latest, at {@code credentialsExpire} (null: credentials that do not expire).
     */
    public SseEmitter open(Principal principal, long cursor, Instant credentialsExpire) {
        ResponseSlots.Slot slot = slots.take(principal, TooManyStreamsException::new);
        Instant now = Instant.now();
        Instant maxEnd = now.plus(properties.streamMaxDuration());
        boolean expiresFirst = credentialsExpire != null && credentialsExpire.isBefore(maxEnd);
        SseEmitter emitter = new SseEmitter(properties.streamMaxDuration().plus(CONTAINER_TIMEOUT_MARGIN).toMillis());
        FeedStream stream = new FeedStream(emitter, slot, cursor, expiresFirst ? credentialsExpire : maxEnd,
                expiresFirst ? TOKEN_EXPIRED : MAX_DURATION);
        emitter.onCompletion(stream::close);
        emitter.onError(failure -> stream.close());
        emitter.onTimeout(() -> {
            stream.close();
            emitter.complete();
        });
        try {
            // sent as soon as the response starts, before any event: the client knows at once the stream is up
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("heartbeat"));
        } catch (IOException | RuntimeException e) {
            slot.release();
            throw new IllegalStateException("could not start an event stream", e);
        }
        open.add(stream);
        stream.wake();
        return emitter;
    }

    /** The streams this node serves now. */
    public int openStreams() {
        return open.size();
    }

    private void wakeAll() {
        open.forEach(FeedStream::wake);
    }

    @Override
    public void destroy() {
        polling.cancel(false);
        open.forEach(FeedStream::complete);
    }

    private List<FeedEntry> read(long cursor) {
        reads.acquireUninterruptibly();
        try {
            return feed.after(cursor, PAGE);
        } finally {
            reads.release();
        }
    }

    private final class FeedStream {

        private final SseEmitter emitter;
        private final ResponseSlots.Slot slot;
        private final Instant endsAt;
        private final String endReason;
        /** Wakes not yet seen by the pump: the first one starts a pump task, which drains them all. */
        private final AtomicInteger wakes = new AtomicInteger();
        private volatile boolean closed;
        private long cursor;
        private long lastSent = System.nanoTime();

        FeedStream(SseEmitter emitter, ResponseSlots.Slot slot, long cursor, Instant endsAt, String endReason) {
            this.emitter = emitter;
            this.slot = slot;
            this.cursor = cursor;
            this.endsAt = endsAt;
            this.endReason = endReason;
        }

        void wake() {
            if (!closed && wakes.getAndIncrement() == 0) {
                try {
                    senders.execute(this::drain);
                } catch (TaskRejectedException rejected) {
                    // shutting down, or every thread busy: the next poll wakes it again
                    wakes.set(0);
                }
            }
        }

        void close() {
            closed = true;
            open.remove(this);
            slot.release();
        }

        void complete() {
            close();
            emitter.complete();
        }

        private void drain() {
            int seen = 1;
            do {
                pump();
                seen = wakes.addAndGet(-seen);
            } while (seen != 0);
        }

        private void pump() {
            if (closed) {
                return;
            }
            try {
                if (!Instant.now().isBefore(endsAt)) {
                    emitter.send(SseEmitter.event().name(END_EVENT)
                            .data(Map.of("reason", endReason), MediaType.APPLICATION_JSON));
                    complete();
                    return;
                }
                List<FeedEntry> entries;
                do {
                    entries = read(cursor);
                    for (FeedEntry entry : entries) {
                        emitter.send(SseEmitter.event().id(Long.toString(entry.position()))
                                .data(entry.envelope(), MediaType.APPLICATION_JSON));
                        cursor = entry.sequence();
                        lastSent = System.nanoTime();
                    }
                } while (entries.size() == PAGE && !closed);
                if (System.nanoTime() - lastSent >= properties.heartbeatInterval().toNanos()) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    lastSent = System.nanoTime();
                }
            } catch (IOException | IllegalStateException gone) {
                // the client went away, stopped reading past the write timeout, or the stream already ended
                close();
            } catch (DataAccessException e) {
                log.warn("feed stream could not read the feed: {}; retrying at the next poll",
                        e.getClass().getSimpleName());
            }
        }
    }
}
