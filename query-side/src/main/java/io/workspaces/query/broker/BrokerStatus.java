package io.workspaces.query.broker;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether publishing is paused by a broker failure, whether the broker accepted a connection when last probed, and
 * the position of the last event the broker confirmed.
 */
class BrokerStatus {

    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicBoolean reachable = new AtomicBoolean();
    private final AtomicLong lastConfirmedPosition = new AtomicLong();

    /** Returns true if this failure paused publishing (it was not paused already). */
    boolean pause() {
        return paused.compareAndSet(false, true);
    }

    /** Returns true if publishing had been paused. */
    boolean resume() {
        return paused.compareAndSet(true, false);
    }

    void probed(boolean reachable) {
        this.reachable.set(reachable);
    }

    /** Connected: the broker accepted a connection when last probed, and publishing is not paused by a failure. */
    public boolean connected() {
        return reachable.get() && !paused.get();
    }

    void confirmed(long position) {
        lastConfirmedPosition.set(position);
    }

    public boolean paused() {
        return paused.get();
    }

    public long lastConfirmedPosition() {
        return lastConfirmedPosition.get();
    }
}
