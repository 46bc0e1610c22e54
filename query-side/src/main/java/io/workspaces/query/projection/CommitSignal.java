package io.workspaces.query.projection;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
    /** What waiters wait on: completed by the next {@link #fire()}, which puts a fresh one in its place. */
    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

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
        next.getAndSet(new CompletableFuture<>()).complete(null);
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
            // taken before the test: a signal between the test and the wait ends the wait at once
            CompletableFuture<Void> signal = next.get();
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                signal.get(Math.min(left, recheck.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException noSignal) {
                // test again anyway (a signal is never completed exceptionally)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + resourceKey, e);
            }
        }
    }
}
