package io.workspaces.query.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open SSE streams of this node. Each stream keeps its place in the feed and sends what follows it whenever
 * this node's feed processor commits new rows, and at least every {@code poll-interval} (for rows another node
 * recorded); a stream with nothing to send for {@code heartbeat-interval} sends a comment line, which keeps
 * proxies from closing it and reveals clients that went away.
 */
@Component
public class FeedStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedStreams.class);
    private static final int PAGE = 500;
    private static final int THREADS = 4;
    /** Tells EventSource clients how long to wait before reconnecting. */
    private static final long RECONNECT_MILLIS = 1000;

    private final FeedReadModel feed;
    private final FeedProperties properties;
    private final ScheduledExecutorService executor;
    private final Set<FeedStream> open = ConcurrentHashMap.newKeySet();

    public FeedStreams(FeedReadModel feed, FeedProperties properties, FeedConfiguration.FeedRecorded recorded) {
        this.feed = feed;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "feed-stream-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long poll = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::wakeAll, poll, poll, TimeUnit.MILLISECONDS);
        recorded.signal().subscribe(this::wakeAll);
    }

    /** A new stream that starts after the feed sequence {@code cursor}. */
    public synchronized SseEmitter open(long cursor) {
        if (open.size() >= properties.maxStreams()) {
            throw new TooManyStreamsException(properties.maxStreams());
        }
        SseEmitter emitter = new SseEmitter(properties.streamMaxDuration().toMillis());
        FeedStream stream = new FeedStream(emitter, cursor);
        open.add(stream);
        emitter.onCompletion(stream::closed);
        emitter.onError(failure -> stream.closed());
        emitter.onTimeout(emitter::complete);
        stream.wake();
        return emitter;
    }

    public int openStreams() {
        return open.size();
    }

    private void wakeAll() {
        open.forEach(FeedStream::wake);
    }

    @Override
    public void destroy() {
        open.forEach(stream -> stream.emitter.complete());
        executor.shutdownNow();
    }

    private final class FeedStream {

        private final SseEmitter emitter;
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean closed;
        private long cursor;
        private long lastSent = System.nanoTime();
        private boolean greeted;

        FeedStream(SseEmitter emitter, long cursor) {
            this.emitter = emitter;
            this.cursor = cursor;
        }

        void wake() {
            if (!closed && scheduled.compareAndSet(false, true)) {
                try {
                    executor.execute(this::pump);
                } catch (RuntimeException rejected) {
                    scheduled.set(false);
                }
            }
        }

        void closed() {
            closed = true;
            open.remove(this);
        }

        /** Synchronized: a wake while pumping queues one more pass instead of a concurrent one. */
        private synchronized void pump() {
            scheduled.set(false);
            if (closed) {
                return;
            }
            try {
                if (!greeted) {
                    emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS));
                    greeted = true;
                }
                List<FeedEntry> entries;
                do {
                    entries = feed.after(cursor, PAGE);
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
                // the client went away (or the stream already ended): nothing to tell anyone
                closed();
            } catch (DataAccessException e) {
                log.warn("feed stream could not read the feed: {}; retrying at the next poll",
                        e.getClass().getSimpleName());
            }
        }
    }
}
