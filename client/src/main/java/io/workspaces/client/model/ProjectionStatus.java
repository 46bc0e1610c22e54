package io.workspaces.client.model;

/**
 * Where one projection stands: {@code position} up to which it has processed, {@code head} the newest event in the
 * log; {@code replay} is present while it is rebuilt.
 */
public record ProjectionStatus(String name, String state, boolean replayable, Long position, long head, Long behind,
                               Replay replay) {

    public record Replay(long target, double percent, Double eventsPerSecond, Long etaSeconds) {
    }
}
