package io.workspaces.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the projections' processors run ({@code workspaces.projections.*}, see query-side.yml): the number of
 * segments each projection's work is split into, how many of them one node processes at once (one thread
 * each), how many events one transaction applies, and how often a thread that has nothing to do renews its
 * claim on its segment (one transaction each time; the processors' other downstream channels use the same).
 */
@ConfigurationProperties("workspaces.projections")
public record ProjectionProperties(int segments, int threads, int batchSize, Duration claimRenewal) {

    /** A claim not renewed for this long may be taken over by another node (Axon's JDBC token store default). */
    public static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    public ProjectionProperties {
        if (segments < 1 || threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "workspaces.projections: segments, threads and batch-size must each be at least 1");
        }
        if (claimRenewal == null) {
            claimRenewal = Duration.ofSeconds(1);
        }
        if (claimRenewal.toMillis() < 10 || claimRenewal.compareTo(CLAIM_TIMEOUT.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("workspaces.projections.claim-renewal must be between 10 ms and "
                    + CLAIM_TIMEOUT.dividedBy(2).toSeconds() + " s (half the claim timeout)");
        }
    }

    /** The processor threads' wait for events in each cycle, after which an idle thread renews its claim. */
    public int eventAvailabilityTimeoutMillis() {
        return (int) claimRenewal.toMillis();
    }
}
