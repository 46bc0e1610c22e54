package io.workspaces.query.projection;

import io.workspaces.query.readdb.ReadRoute;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * How far each projection has got in the event log. A projection has <em>passed</em> a position when every
 * segment of its processor has committed the event at that position (or skipped it as not its own).
 *
 * <p>Segments this node processes are read from the processor itself (exact, updated after each commit);
 * segments another node holds are read from their stored tokens (a segment that sees only other segments'
 * events stores its token at least once a second). A read served from a read database
 * ({@code WORKSPACES_READ_DB_URL}) judges every segment by the tokens stored there (read on its connection).
 */
@Component
public class ProjectionProgress {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final StoredTokens tokens;
    private final ProjectionVersions versions;

    ProjectionProgress(EventProcessingConfiguration processing, JdbcTemplate jdbc, StoredTokens tokens,
                       ProjectionVersions versions) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.versions = versions;
    }

    /** The position of the newest event in the log, 0 when it is empty. */
    public long head() {
        // the primary's, also while a read is served from a read database (which may not have the newest yet)
        Long head = ReadRoute.onPrimary(
                () -> jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class));
        return head == null ? 0 : head;
    }

    /**
     * Whether the version of {@code projection} reads see has passed {@code position}; while a new version is about to
     * go live ({@link ProjectionVersions}), that one as well, since a read may find either behind the views.
     */
    public boolean hasPassed(String projection, long position) {
        String switching = versions.switchingProcessor(projection);
        return processorHasPassed(versions.liveProcessor(projection), position)
                && (switching == null || processorHasPassed(switching, position));
    }

    private boolean processorHasPassed(String processor, long position) {
        // a version this node's code does not process is followed by its stored tokens alone; so is every processor
        // while a read is served from a read database: this node's processors commit to the primary, and what the
        // read will see is what the read database's token_entry says, replicated in the same transactions as the rows
        Map<Integer, EventTrackerStatus> local = ReadRoute.onReplica() ? Map.of()
                : processing.eventProcessor(processor, StreamingEventProcessor.class)
                        .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
        if (coversWholeStream(local) && local.values().stream().allMatch(status -> passed(status, position))) {
            return true;
        }
        List<StoredTokens.StoredToken> stored = tokens.of(processor);
        if (stored.isEmpty()) {
            return false;
        }
        for (StoredTokens.StoredToken token : stored) {
            EventTrackerStatus status = local.get(token.segment());
            if (!(status != null && passed(status, position)) && !passed(tokens.deserialize(token), position)) {
                return false;
            }
        }
        return true;
    }

    /** The stored token of every segment of the processor (null where a segment has processed nothing yet). */
    public List<TrackingToken> storedTokens(String processor) {
        return tokens.of(processor).stream().map(tokens::deserialize).toList();
    }

    StreamingEventProcessor processor(String projection) {
        return processing.eventProcessor(projection, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no projection named " + projection));
    }

    private static boolean coversWholeStream(Map<Integer, EventTrackerStatus> local) {
        double share = 0;
        for (EventTrackerStatus status : local.values()) {
            Segment segment = status.getSegment();
            share += 1.0 / (segment.getMask() + 1);
        }
        return !local.isEmpty() && share > 0.999_999;
    }

    private static boolean passed(EventTrackerStatus status, long position) {
        return !status.isErrorState() && passed(status.getTrackingToken(), position);
    }

    /**
     * True when the token has processed {@code position}. A gap below it (an event of a transaction that has
     * not committed yet, or a sequence number a rolled-back transaction burnt) does not hold a reader back:
     * the event at {@code position} itself is what a read-your-writes reader waits for.
     */
    private static boolean passed(TrackingToken token, long position) {
        TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return position <= 0;
    }
}
