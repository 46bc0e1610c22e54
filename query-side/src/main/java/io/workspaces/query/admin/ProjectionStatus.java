package io.workspaces.query.admin;

/**
 * Where one processor stands: {@code position} is the global position up to which all its segments have
 * processed (a replay's current position while it replays), {@code head} the newest event in the log.
 * {@code replay} is present while it replays.
 */
record ProjectionStatus(String name, String state, boolean replayable, Long position, long head, Long behind,
                               Replay replay) {

    /** Progress of a replay towards the position the log had when it started. */
    public record Replay(long target, double percent, Double eventsPerSecond, Long etaSeconds) {
    }
}
