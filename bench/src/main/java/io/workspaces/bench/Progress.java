package io.workspaces.bench;

import java.time.Duration;

/** Progress on stderr: which phase runs, and how long the run has taken so far. */
final class Progress {

    private final long started = System.nanoTime();
    private final int steps;
    private int step;

    Progress(int steps) {
        this.steps = steps;
    }

    synchronized void step(String what) {
        step++;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        System.err.printf("[%d/%d %3ds] %s%n", Math.min(step, steps), steps, elapsed.toSeconds(), what);
    }

    void note(String what) {
        System.err.println("          " + what);
    }
}
