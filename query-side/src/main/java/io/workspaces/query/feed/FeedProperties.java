package io.workspaces.query.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The HTTP feed and its SSE stream ({@code workspaces.feed.*}, see query-side.yml): how often a stream looks for
 * events recorded by another query node, how often an idle stream sends a heartbeat, how many streams one node
 * serves at once and how many of them one principal may hold, and how long one stream lasts before the client has
 * to reconnect (with its Last-Event-ID, and a token that is still valid).
 */
@ConfigurationProperties("workspaces.feed")
record FeedProperties(Duration pollInterval, Duration heartbeatInterval, int maxStreams,
                             int maxStreamsPerPrincipal, Duration streamMaxDuration) {

    public FeedProperties {
        if (pollInterval.isNegative() || pollInterval.isZero() || heartbeatInterval.isNegative()
                || heartbeatInterval.isZero() || streamMaxDuration.isNegative() || streamMaxDuration.isZero()) {
            throw new IllegalArgumentException("workspaces.feed: intervals and durations must be positive");
        }
        if (maxStreams < 1 || maxStreamsPerPrincipal < 1) {
            throw new IllegalArgumentException(
                    "workspaces.feed.max-streams and max-streams-per-principal must be at least 1");
        }
    }
}
