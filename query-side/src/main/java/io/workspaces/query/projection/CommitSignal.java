package io.workspaces.query.projection;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Tells this node's readers that a processor has committed new rows, so that they need not wait for their next
 * poll: listeners are called, and readers blocked in {@link #awaitUntil} look again. Only a hint: rows committed by
 * another query node arrive with the readers' regular polling.
 */
public class CommitSignal {

    private static final Logger log = LoggerFactory.getLogger(CommitSignal.class);

    private final String resourceKey;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** One party, which every {@link #fire()} arrives for: each signal moves the phase on and releases the waiters. */
    private final Phaser signals = new Phaser(1);

    public CommitSignal(String name) {
        this.resourceKey = CommitSignal.class.getName() + "/" + name;
    }

    public void subscribe(Runnable listener) {
        listeners.add(listener);
    }

    /** Signals once the current unit of work (a processor's batch) has committed; at once outside of one. */
    public void afterCommit() {
        if (!CurrentUnitOfWork.isStarted()) {
            fire();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(resourceKey, key -> {
            unitOfWork.afterCommit(committed -> fire());
            return Boolean.TRUE;
        });
    }

    public void fire() {
        signals.arrive();
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a commit listener failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Blocks until {@code condition} holds, testing it again after every signal and at least every
     * {@code recheck} (for progress nobody signals, such as another node's); false once {@code deadlineNanos}
     * (of {@link System#nanoTime()}) has passed without it holding.
     */
    public boolean awaitUntil(BooleanSupplier condition, Duration recheck, long deadlineNanos) {
        while (true) {
            // the phase is read before the test: a signal between the test and the wait ends the wait at once
            int phase = signals.getPhase();
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                signals.awaitAdvanceInterruptibly(phase, Math.min(left, recheck.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException noSignal) {
                // test again anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + resourceKey, e);
            }
        }
    }
}
