package io.workspaces.query.projection;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.workspaces.common.web.Failures;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far behind the head of the event log each streaming processor of this service is, whatever its name: the
 * projections, the audit chain, the downstream channels (feed, broker publisher, webhook outbox) and the access
 * index. Read for the metrics; computed when asked and kept for {@code workspaces.metrics.max-age}, so a scrape
 * costs at most a few small queries (the head, {@code token_entry}, and the time of the oldest unprocessed event
 * of each processor that is behind), and processing an event costs nothing.
 *
 * <p>A processor's position is the lowest of its segments' positions: the segments this node processes are read
 * from the processor itself, the others from their stored tokens (as every query node sees them alike).
 */
@Component
public class ProcessorLag {

    private static final Logger log = LoggerFactory.getLogger(ProcessorLag.class);

    /**
     * {@code events} between the processor's position and the head of the log; {@code seconds} since the oldest
     * event it has not processed was recorded (0 when it is at the head); {@code replayProgress} how far a replay
     * (a reset of its tokens) has got towards the position the log had when it began, 1 when not replaying. NaN
     * where unknown (a processor that has stored no token yet).
     */
    public record Lag(double events, double seconds, double replayProgress) {
        static final Lag UNKNOWN = new Lag(Double.NaN, Double.NaN, Double.NaN);
    }

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final StoredTokens tokens;
    private final ProjectionProgress progress;
    private final LoadingCache<Boolean, Map<String, Lag>> lags;

    ProcessorLag(EventProcessingConfiguration processing, JdbcTemplate jdbc, StoredTokens tokens,
                 ProjectionProgress progress, @Value("${workspaces.metrics.max-age:5s}") Duration maxAge) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.progress = progress;
        this.lags = Caffeine.newBuilder().expireAfterWrite(maxAge).build(key -> measure());
    }

    /** The names of this node's streaming processors, sorted. */
    public Set<String> processors() {
        Set<String> names = new TreeSet<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                names.add(name);
            }
        });
        return names;
    }

    /** Where {@code processor} stands, at most {@code max-age} ago. */
    public Lag of(String processor) {
        return lags.get(true).getOrDefault(processor, Lag.UNKNOWN);
    }

    private Map<String, Lag> measure() {
        try {
            long head = progress.head();
            Map<String, List<StoredTokens.StoredToken>> stored = tokens.all();
            Map<Long, Double> ageAfter = new HashMap<>();
            Map<String, Lag> lags = new HashMap<>();
            for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
                if (entry.getValue() instanceof StreamingEventProcessor processor) {
                    lags.put(entry.getKey(), lag(processor, stored.getOrDefault(entry.getKey(), List.of()), head,
                            ageAfter));
                }
            }
            return lags;
        } catch (RuntimeException e) {
            log.warn("could not measure the processors' lag: {}", Failures.describe(e));
            return Map.of();
        }
    }

    private Lag lag(StreamingEventProcessor processor, List<StoredTokens.StoredToken> stored, long head,
                    Map<Long, Double> ageAfter) {
        Map<Integer, TrackingToken> bySegment = new HashMap<>();
        for (StoredTokens.StoredToken token : stored) {
            bySegment.put(token.segment(), tokens.deserialize(token));
        }
        for (Map.Entry<Integer, EventTrackerStatus> local : processor.processingStatus().entrySet()) {
            bySegment.put(local.getKey(), local.getValue().getTrackingToken());
        }
        if (bySegment.isEmpty()) {
            return Lag.UNKNOWN;
        }
        long position = Long.MAX_VALUE;
        double replayProgress = 1;
        for (TrackingToken token : bySegment.values()) {
            long at = position(token);
            position = Math.min(position, at);
            if (token instanceof ReplayToken replay) {
                long target = position(replay.getTokenAtReset());
                if (target > 0 && at < target) {
                    replayProgress = Math.min(replayProgress, (double) at / target);
                }
            }
        }
        long behind = Math.max(0, head - position);
        double seconds = behind == 0 ? 0 : ageAfter.computeIfAbsent(position, this::ageOfFirstEventAfter);
        return new Lag(behind, seconds, replayProgress);
    }

    /** The lower-bound position of a token; 0 for none (nothing processed yet). */
    private static long position(TrackingToken token) {
        TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return lowerBound == null ? 0 : lowerBound.position().orElse(0);
    }

    private double ageOfFirstEventAfter(long position) {
        List<String> stamps = jdbc.queryForList("SELECT time_stamp FROM domain_event_entry WHERE global_index > ? "
                + "ORDER BY global_index LIMIT 1", String.class, position);
        if (stamps.isEmpty()) {
            return 0;
        }
        Instant recorded = DateTimeUtils.parseInstant(stamps.get(0));
        return Math.max(0, Duration.between(recorded, Instant.now()).toMillis() / 1000.0);
    }
}
