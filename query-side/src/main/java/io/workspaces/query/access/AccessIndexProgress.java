package io.workspaces.query.access;

import io.workspaces.query.consistency.IndexProgress;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/** How far this node's access index has followed the event log, from its processor's status in memory. */
@Component
class AccessIndexProgress implements IndexProgress {

    private final EventProcessingConfiguration processing;
    private final AccessIndexLoader loader;
    private volatile StreamingEventProcessor processor;

    public AccessIndexProgress(EventProcessingConfiguration processing, AccessIndexLoader loader) {
        this.processing = processing;
        this.loader = loader;
    }

    /** True once the index reflects the event at {@code position}. */
    @Override
    public boolean hasPassed(long position) {
        TrackingToken token = lowerBound();
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return position <= 0;
    }

    /** The highest position up to which the index reflects every event: a consistency token for its answers. */
    public long position() {
        TrackingToken token = lowerBound();
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
        }
        return 0;
    }

    private TrackingToken lowerBound() {
        EventTrackerStatus status = processor().processingStatus().get(0);
        TrackingToken token = status != null && status.getTrackingToken() != null ? status.getTrackingToken()
                : loader.startToken();
        return token == null ? null : WrappedToken.unwrapLowerBound(token);
    }

    private StreamingEventProcessor processor() {
        StreamingEventProcessor known = processor;
        if (known == null) {
            known = processing.eventProcessor(AccessIndexConfiguration.PROCESSOR, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("no access index processor"));
            processor = known;
        }
        return known;
    }
}
