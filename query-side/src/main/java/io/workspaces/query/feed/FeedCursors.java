package io.workspaces.query.feed;

import io.workspaces.common.web.InvalidRequestException;
import io.workspaces.query.projection.CommitSignal;
import io.workspaces.query.projection.ConsistencyTimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Turns what a consumer knows, the position of the last event it processed ({@code ?after=} or the SSE
 * {@code Last-Event-ID}), into a place in the feed: right after that event's entry. The feed's order is the
 * order of commits, so "after this event" is exact even where an event committed late follows one with a higher
 * position. For an event of the log that the feed has not recorded yet, it waits (as a read-your-writes query
 * does: woken by this node's feed processor, and looking again every {@code workspaces.consistency.recheck-interval}
 * in case another node's records it); a position no event has is read as "after the recorded event with the
 * highest position below it".
 */
@Component
class FeedCursors {

    private static final Pattern POSITION = Pattern.compile("^\\d{1,18}$");

    private final FeedReadModel feed;
    private final CommitSignal recorded;
    private final Duration maxWait;
    private final Duration recheck;

    public FeedCursors(FeedReadModel feed, FeedConfiguration.FeedRecorded recorded,
                       @Value("${workspaces.consistency.max-wait:5s}") Duration maxWait,
                       @Value("${workspaces.consistency.recheck-interval:25ms}") Duration recheck) {
        this.feed = feed;
        this.recorded = recorded.signal();
        this.maxWait = maxWait;
        this.recheck = recheck;
    }

    /** A position given by a client in {@code field}: a non-negative integer. */
    public static long parsePosition(String raw, String field) {
        String value = raw.trim();
        if (!POSITION.matcher(value).matches()) {
            throw InvalidRequestException.of(field, "must be the position of an event (a non-negative integer), "
                    + "0 for the beginning of the log");
        }
        return Long.parseLong(value);
    }

    /** The feed sequence right after the event at {@code position}. */
    public long after(long position, String field) {
        if (position == 0) {
            return 0;
        }
        OptionalLong recorded = feed.sequenceOf(position);
        if (recorded.isPresent()) {
            return recorded.getAsLong();
        }
        if (position > feed.head()) {
            throw InvalidRequestException.of(field, "is ahead of the event log: no event has that position");
        }
        if (feed.isEvent(position)) {
            return awaitRecorded(position);
        }
        return feed.sequenceBefore(position);
    }

    private long awaitRecorded(long position) {
        long started = System.nanoTime();
        AtomicLong sequence = new AtomicLong();
        boolean found = recorded.awaitUntil(() -> {
            OptionalLong recordedAt = feed.sequenceOf(position);
            recordedAt.ifPresent(sequence::set);
            return recordedAt.isPresent();
        }, recheck, started + maxWait.toNanos());
        if (!found) {
            throw new ConsistencyTimeoutException(position, (System.nanoTime() - started) / 1_000_000);
        }
        return sequence.get();
    }
}
