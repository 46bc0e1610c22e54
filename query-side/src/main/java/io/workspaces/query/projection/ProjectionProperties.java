package io.workspaces.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the projections' processors run ({@code workspaces.projections.*}, see query-side.yml): the number of
 * segments each projection's work is split into, how many of them one node processes at once (one thread
 * each), and how many events one transaction applies.
 */
@ConfigurationProperties("workspaces.projections")
public record ProjectionProperties(int segments, int threads, int batchSize) {

    public ProjectionProperties {
        if (segments < 1 || threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "workspaces.projections: segments, threads and batch-size must each be at least 1");
        }
    }
}
