package io.workspaces.query.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code workspaces_feed_streams}: the SSE streams of {@code GET /v1/events} this node serves now. */
@Component
class FeedMetrics {

    FeedMetrics(MeterRegistry registry, FeedStreams streams) {
        Gauge.builder("workspaces.feed.streams", streams, FeedStreams::openStreams)
                .description("Event streams (SSE) open on this node")
                .register(registry);
    }
}
